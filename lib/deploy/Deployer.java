package lib.deploy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import lib.registry.DeploymentType;
import lib.registry.Registry;
import lib.registry.Service;
import lib.status.StatusReport.Health;

/**
 * Runs a {@link Plan}. The one entry point for deploy, apply, move, rollback, start, stop and restart:
 * <pre>{@code DeployReport report = Deployer.run(registry, plan, DeployOptions.of(executor).withHooks(h).withKind("apply"));}</pre>
 * <ol>
 * <li>Preflight every target at once (runner.preflight, plus: dependencies outside the plan are healthy). Any
 *     problem → {@link PreflightException} listing them all; nothing was changed and no hook was called — unless
 *     healing is on and every problem is one a pattern can solve (see {@link #healPreflight}).</li>
 * <li>{@code hooks.beforeDeploy(id, plan)}, then wave by wave: a wave's services run in parallel (at most
 *     {@code options.parallel()} at once), each through its phases; a service runs only when every dependency in
 *     the plan came up healthy, else it is SKIPPED with the reason. A failure never stops independent services.
 *     For {@link DeployOptions.Action#STOP} the waves run in reverse and dependents gate their dependencies.</li>
 * <li>With {@link DeployOptions#healing()} on, a failing up/start/restart/health step goes through the
 *     self-healing loop ({@link Healing}) and is retried when a fix was applied.</li>
 * <li>{@code hooks.afterService} per service as it ends, {@code hooks.afterDeploy(report)} at the end.</li>
 * </ol>
 * Callers take the deploy lock around this call; the caller owns the executor.
 */
public final class Deployer {
    private final Registry registry;
    /** Grows when preflight healing adds a never-deployed dependency ahead of its dependents. */
    private Plan plan;
    /** Dependencies added by preflight healing: deployed (sync, up, health) whatever the run's action. */
    private final java.util.Set<String> deployFirst = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final DeployOptions o;
    private final HealthBarrier barrier = new HealthBarrier();
    private final Map<DeploymentType, Runner> runners = Collections.synchronizedMap(new EnumMap<>(DeploymentType.class));
    private final Map<String, ServiceOutcome> outcomes = new ConcurrentHashMap<>();
    /** Per service: its preflight phase(s), and when preflight healing ran, observe/diagnose/solve and the re-check. */
    private final Map<String, List<PhaseResult>> preflights = new ConcurrentHashMap<>();
    private final Map<String, List<HealRecord>> preflightHealing = new ConcurrentHashMap<>();
    private Healing healing;

    private Deployer(Registry registry, Plan plan, DeployOptions o) {
        this.registry = registry;
        this.plan = plan;
        this.o = o;
    }

    public static DeployReport run(Registry registry, Plan plan, DeployOptions options) {
        return new Deployer(registry, plan, options).run();
    }

    private DeployReport run() {
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(o.parallel(), plan.steps().size())), r -> {
            Thread t = new Thread(r, "deploy");
            t.setDaemon(true);
            return t;
        });
        try {
            String id = o.deployId() != null ? o.deployId() : DeployIds.next(); // before preflight: preflight healing writes observations/<id>.jsonl
            if (o.healing().on()) healing = new Healing(o.healing(), id, o.executor().options().portoserHome());
            preflight(pool);
            o.hooks().beforeDeploy(id, plan);
            for (Plan.Wave w : wavesInRunOrder()) runWave(pool, w);
            DeployReport report = new DeployReport(id, o.kind(), inPlanOrder(), ServiceRun.ms(start));
            o.hooks().afterDeploy(report);
            return report;
        } finally {
            pool.shutdownNow();
        }
    }

    // ---- preflight: everything checked before anything changes

    private void preflight(ExecutorService pool) {
        if (o.action() == DeployOptions.Action.STOP) return;
        List<PreflightProblem> problems = check(pool, plan.steps(), plan.external());
        if (healing != null && healing.heals()) problems = deployMissingDependencies(pool, problems);
        if (problems.isEmpty()) return;
        if (healing == null) throw new PreflightException(problems);
        healPreflight(problems);
    }

    private List<PreflightProblem> check(ExecutorService pool, List<Plan.Step> steps, List<Plan.External> external) {
        List<Callable<List<PreflightProblem>>> checks = new ArrayList<>();
        for (Plan.Step s : steps) checks.add(() -> preflight(s));
        for (Plan.External e : external) checks.add(() -> externalHealthy(e));
        List<PreflightProblem> problems = new ArrayList<>();
        for (List<PreflightProblem> p : all(pool, checks)) problems.addAll(p);
        return problems;
    }

    /**
     * "Deploy the dependency first if it is not deployed at all": an unhealthy dependency outside the plan that
     * state.yml does not know on its host (and whose folder is not there) joins the plan ahead of its dependents (deployed, whatever the action),
     * said so on its output, and is preflighted like the rest (its own outside dependencies too).
     */
    private List<PreflightProblem> deployMissingDependencies(ExecutorService pool, List<PreflightProblem> problems) {
        java.util.Set<String> known = new java.util.HashSet<>();
        lib.deploy.state.State state;
        try {
            state = new lib.deploy.state.StateStore(o.executor().options().portoserHome()).load();
        } catch (RuntimeException e) {
            return problems; // no state to go by: never guess that something needs deploying
        }
        for (int guard = 0; guard <= registry.services().size(); guard++) {
            List<String> missing = problems.stream().filter(p -> p.check().equals("dependency"))
                    .map(PreflightProblem::service).filter(d -> neverDeployed(state, d)).distinct().toList();
            if (missing.isEmpty()) return problems;
            java.util.Set<String> steps = new java.util.LinkedHashSet<>(plan.serviceNames());
            plan.external().forEach(e -> known.add(e.service()));
            steps.addAll(missing);
            Plan grown = Planner.plan(registry, new Planner.Request(null, List.copyOf(steps), false, null));
            Plan before = plan;
            plan = new Plan(plan.selection(), grown.waves(), grown.external());
            deployFirst.addAll(missing);
            for (String m : missing) {
                String neededBy = before.external().stream().filter(e -> e.service().equals(m)).findFirst()
                        .map(e -> String.join(", ", e.neededBy())).orElse("the plan");
                target(m).log("dependency " + m + " is not healthy and was never deployed on " + registry.services().get(m).currentHost()
                        + ": deploying it first (needed by " + neededBy + ")");
            }
            List<PreflightProblem> left = new ArrayList<>(problems.stream()
                    .filter(p -> !(p.check().equals("dependency") && missing.contains(p.service()))).toList());
            List<Plan.Step> newSteps = plan.steps().stream().filter(x -> missing.contains(x.service())).toList();
            List<Plan.External> newExternal = plan.external().stream().filter(e -> !known.contains(e.service())).toList();
            left.addAll(check(pool, newSteps, newExternal));
            problems = left;
        }
        return problems;
    }

    private boolean neverDeployed(lib.deploy.state.State state, String service) {
        Service s = registry.services().get(service);
        if (s == null || state.get(service).map(d -> d.host().equals(s.currentHost())).orElse(false)) return false;
        // Stopping removes a service from state.yml: its folder on the host says it was deployed there once.
        try {
            DeployTarget t = target(service);
            return t.executor().run(t.host(), "test -d " + lib.util.Sh.quote(t.remoteDir())).exit() == 1;
        } catch (RuntimeException e) {
            return false; // cannot tell: never guess that something needs deploying
        }
    }

    /**
     * Preflight healing. The guarantee stays: when any problem is one no pattern can solve, the deploy stops before
     * anything changes. So, in order: (1) every problem must be of a healable check (a port in use) on a service
     * of the plan; (2) each affected service is observed and diagnosed (read-only; with --no-auto-heal this is
     * where it ends, diagnosis shown); (3) each diagnosis must hold a problem a pattern can solve (breaker closed)
     * — only then is any fix applied; (4) solve (destructive fixes need --yes: without it the run stops with the
     * holder's details, nothing changed); (5) preflight those services again: any problem left stops the run.
     */
    private void healPreflight(List<PreflightProblem> problems) {
        Map<String, List<PreflightProblem>> byService = new java.util.LinkedHashMap<>();
        java.util.Set<String> planned = new java.util.HashSet<>();
        plan.steps().forEach(s -> planned.add(s.service()));
        boolean healable = true;
        for (PreflightProblem p : problems) {
            // An unhealthy dependency outside the plan is diagnosed (and waited for) through the first service
            // of the plan that needs it: that service's observations are where its dependencies' health is.
            String owner = planned.contains(p.service()) ? p.service() : dependentOf(p.service());
            boolean external = p.check().equals("dependency") && !planned.contains(p.service());
            if (owner == null || !(external || Healing.HEALABLE_PREFLIGHT.contains(p.check()))) healable = false;
            if (owner != null) byService.computeIfAbsent(owner, k -> new ArrayList<>()).add(p);
        }
        Map<String, Healing.Round> rounds = new java.util.LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<PreflightProblem>> e : byService.entrySet()) {
                String failure = String.join("; ", e.getValue().stream().map(p -> (planned.contains(p.service()) ? "" : p.service() + ": ")
                        + p.check() + ": " + p.message()).toList());
                // The plan's own dependencies are not up yet by design: only outside ones are a problem here.
                Healing.Round r = healing.diagnose(target(e.getKey()), "preflight", failure, null,
                        p -> !(p.fingerprint().equals("dependency_not_ready") && planned.contains(lib.solve.Details.str(p, "dependency"))));
                rounds.put(e.getKey(), r);
                addPhases(e.getKey(), r.phases);
            }
            if (!healing.heals() || !healable || rounds.values().stream().anyMatch(r -> !r.solvable())) {
                throw new HealedPreflightException(problems, records(rounds), false);
            }
            for (Map.Entry<String, Healing.Round> e : rounds.entrySet()) {
                int before = e.getValue().phases.size();
                e.getValue().solve();
                addPhases(e.getKey(), e.getValue().phases.subList(before, e.getValue().phases.size()));
                if (!e.getValue().retry()) throw new HealedPreflightException(problems, records(rounds), applied(rounds));
            }
        } catch (HealedPreflightException e) {
            throw e;
        } catch (RuntimeException e) {
            // Healing itself broke: the plain preflight failure stands, nothing changed by us beyond what is reported.
            throw new HealedPreflightException(problems, records(rounds), applied(rounds));
        }
        List<PreflightProblem> left = new ArrayList<>();
        for (Map.Entry<String, Healing.Round> e : rounds.entrySet()) {
            Plan.Step step = plan.steps().stream().filter(s -> s.service().equals(e.getKey())).findFirst().orElseThrow();
            List<PreflightProblem> again = new ArrayList<>(preflight(step));
            for (Plan.External x : plan.external()) if (e.getKey().equals(dependentOf(x.service()))) again.addAll(externalHealthy(x));
            e.getValue().finish(again.isEmpty());
            left.addAll(again);
        }
        if (!left.isEmpty()) throw new HealedPreflightException(left, records(rounds), true);
        records(rounds).forEach(preflightHealing::put);
    }

    /** The first service of the plan (in wave order) that needs the outside dependency {@code dependency}. */
    private String dependentOf(String dependency) {
        return plan.external().stream().filter(x -> x.service().equals(dependency)).findFirst()
                .flatMap(x -> plan.steps().stream().map(Plan.Step::service).filter(x.neededBy()::contains).findFirst()).orElse(null);
    }

    private void addPhases(String service, List<PhaseResult> phases) {
        Plan.Step s = plan.steps().stream().filter(x -> x.service().equals(service)).findFirst().orElseThrow();
        for (PhaseResult p : phases) {
            preflights.computeIfAbsent(service, k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(p);
            o.listener().phase(service, s.host(), p);
        }
    }

    private static Map<String, List<HealRecord>> records(Map<String, Healing.Round> rounds) {
        Map<String, List<HealRecord>> out = new java.util.LinkedHashMap<>();
        rounds.forEach((k, r) -> out.put(k, List.of(r.record())));
        return out;
    }

    private static boolean applied(Map<String, Healing.Round> rounds) {
        // Waiting for a dependency changes nothing: only fixes of other kinds count.
        return rounds.values().stream().flatMap(r -> r.record().actions().stream()).filter(f -> !f.fingerprint().equals("dependency_not_ready"))
                .flatMap(f -> f.steps().stream()).anyMatch(HealRecord.Step::done);
    }

    private List<PreflightProblem> preflight(Plan.Step s) {
        long start = System.nanoTime();
        List<PreflightProblem> problems;
        try {
            problems = runner(s).preflight(target(s.service()));
        } catch (RuntimeException e) {
            problems = List.of(new PreflightProblem(s.service(), s.host(), "reach", ServiceRun.message(e), null));
        }
        String detail = problems.isEmpty() ? "ok" : problems.size() + " problem(s)";
        PhaseResult p = problems.isEmpty() ? PhaseResult.ok("preflight", ServiceRun.ms(start), detail)
                : PhaseResult.failed("preflight", ServiceRun.ms(start), detail);
        preflights.computeIfAbsent(s.service(), k -> java.util.Collections.synchronizedList(new ArrayList<>())).add(p);
        o.listener().phase(s.service(), s.host(), p);
        return problems;
    }

    private List<PreflightProblem> externalHealthy(Plan.External e) {
        Service dep = registry.services().get(e.service());
        Health h;
        try {
            h = barrier.checkOnce(target(dep.name()), o.runners().apply(dep.deploymentType()));
        } catch (RuntimeException ex) {
            h = new Health("check", dep.name(), false, ServiceRun.message(ex));
        }
        if (Boolean.TRUE.equals(h.ok())) return List.of();
        return List.of(new PreflightProblem(e.service(), e.host(), "dependency",
                "not healthy (" + h.kind() + ": " + h.detail() + "), needed by " + String.join(", ", e.neededBy()),
                "deploy it in the same run: portoser deploy " + e.service() + " " + String.join(" ", e.neededBy())));
    }

    // ---- waves

    private List<Plan.Wave> wavesInRunOrder() {
        List<Plan.Wave> w = new ArrayList<>(plan.waves());
        if (o.action() == DeployOptions.Action.STOP) Collections.reverse(w);
        return w;
    }

    private void runWave(ExecutorService pool, Plan.Wave wave) {
        List<Callable<ServiceOutcome>> work = new ArrayList<>();
        for (Plan.Step s : wave.steps()) {
            String blocked = blockedBy(s);
            DeployOptions.Action action = deployFirst.contains(s.service()) ? DeployOptions.Action.DEPLOY : o.action();
            if (blocked != null) finish(ServiceRun.skipped(s, before(s), action, blocked));
            else work.add(() -> finish(runStep(s)));
        }
        all(pool, work);
    }

    private ServiceOutcome runStep(Plan.Step s) {
        try {
            DeployOptions so = deployFirst.contains(s.service()) ? o.withAction(DeployOptions.Action.DEPLOY) : o;
            return new ServiceRun(target(s.service()), runner(s), so, barrier, healing)
                    .run(before(s), preflightHealing.getOrDefault(s.service(), List.of()));
        } catch (RuntimeException e) {
            // A runner that cannot even be built (unknown type in this build) fails only this service.
            return new ServiceOutcome(s.service(), s.host(), ServiceOutcome.Result.FAILED, List.of(), null, ServiceRun.message(e), null);
        }
    }

    private List<PhaseResult> before(Plan.Step s) {
        List<PhaseResult> p = preflights.get(s.service());
        return p == null ? List.of() : List.copyOf(p);
    }

    /** Why this service must not run: a service it waits for (dependency; dependent when stopping) did not succeed. */
    private String blockedBy(Plan.Step s) {
        for (String other : gates(s)) {
            ServiceOutcome g = outcomes.get(other);
            if (g != null && g.result() != ServiceOutcome.Result.DEPLOYED) {
                String verb = o.action() == DeployOptions.Action.STOP ? "dependent " : "dependency ";
                return verb + other + (g.result() == ServiceOutcome.Result.FAILED ? " failed" : " was skipped");
            }
        }
        return null;
    }

    private List<String> gates(Plan.Step s) {
        if (o.action() != DeployOptions.Action.STOP) return s.dependencies();
        return plan.steps().stream().filter(x -> x.dependencies().contains(s.service())).map(Plan.Step::service).toList();
    }

    private ServiceOutcome finish(ServiceOutcome outcome) {
        outcomes.put(outcome.service(), outcome);
        o.listener().finished(outcome);
        o.hooks().afterService(outcome);
        return outcome;
    }

    private List<ServiceOutcome> inPlanOrder() {
        List<ServiceOutcome> out = new ArrayList<>();
        for (Plan.Wave w : wavesInRunOrder()) for (Plan.Step s : w.steps()) out.add(outcomes.get(s.service()));
        return out;
    }

    // ---- helpers

    private Runner runner(Plan.Step s) {
        DeploymentType type = registry.services().get(s.service()).deploymentType();
        return runners.computeIfAbsent(type, o.runners()::apply);
    }

    private DeployTarget target(String service) {
        Service s = registry.services().get(service);
        return DeployTarget.of(registry, s, registry.hosts().get(s.currentHost()), o.executor(), o.listener());
    }

    /** Runs every task on the pool and waits for all of them; a task's own exception is a bug, rethrown. */
    private static <T> List<T> all(ExecutorService pool, List<Callable<T>> tasks) {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> t : tasks) futures.add(pool.submit(t));
        List<T> out = new ArrayList<>();
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DeployException("interrupted", null);
            } catch (ExecutionException e) {
                throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
            }
        }
        return out;
    }

}

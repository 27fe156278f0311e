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
    private final Plan plan;
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
            String id = DeployIds.next(); // before preflight: preflight healing writes observations/<id>.jsonl
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
        List<Callable<List<PreflightProblem>>> checks = new ArrayList<>();
        for (Plan.Step s : plan.steps()) checks.add(() -> preflight(s));
        for (Plan.External e : plan.external()) checks.add(() -> externalHealthy(e));
        List<PreflightProblem> problems = new ArrayList<>();
        for (List<PreflightProblem> p : all(pool, checks)) problems.addAll(p);
        if (problems.isEmpty()) return;
        if (healing == null) throw new PreflightException(problems);
        healPreflight(problems);
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
            if (!planned.contains(p.service()) || !Healing.HEALABLE_PREFLIGHT.contains(p.check())) healable = false;
            if (planned.contains(p.service())) byService.computeIfAbsent(p.service(), k -> new ArrayList<>()).add(p);
        }
        Map<String, Healing.Round> rounds = new java.util.LinkedHashMap<>();
        try {
            for (Map.Entry<String, List<PreflightProblem>> e : byService.entrySet()) {
                String failure = String.join("; ", e.getValue().stream().map(p -> p.check() + ": " + p.message()).toList());
                Healing.Round r = healing.diagnose(target(e.getKey()), "preflight", failure, null);
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
            List<PreflightProblem> again = preflight(step);
            e.getValue().finish(again.isEmpty());
            left.addAll(again);
        }
        if (!left.isEmpty()) throw new HealedPreflightException(left, records(rounds), true);
        records(rounds).forEach(preflightHealing::put);
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
        return rounds.values().stream().flatMap(r -> r.record().actions().stream()).flatMap(f -> f.steps().stream()).anyMatch(HealRecord.Step::done);
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
            if (blocked != null) finish(ServiceRun.skipped(s, before(s), o.action(), blocked));
            else work.add(() -> finish(runStep(s)));
        }
        all(pool, work);
    }

    private ServiceOutcome runStep(Plan.Step s) {
        try {
            return new ServiceRun(target(s.service()), runner(s), o, barrier, healing)
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

package lib.server.jobs;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.cli.PortoserException;
import lib.deploy.DeployIds;
import lib.deploy.DeployOptions;
import lib.deploy.DeployRun;
import lib.deploy.Healing;
import lib.deploy.Lifecycle;
import lib.deploy.Plan;
import lib.deploy.Planner;
import lib.deploy.Runners;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.lock.DeployLock;
import lib.deploy.ops.Apply;
import lib.deploy.ops.Move;
import lib.deploy.ops.OpContext;
import lib.deploy.ops.OpJson;
import lib.deploy.ops.Operations;
import lib.deploy.ops.Rollback;
import lib.deploy.state.StateDiff;
import lib.deploy.state.StateStore;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryLoader;
import lib.registry.Service;
import lib.registry.Suggest;
import lib.server.ApiError;
import lib.server.ServerContext;

/**
 * The web API's mutations as background jobs, each the same lib/ calls its CLI command makes (DeployRun for
 * deploy/start/stop/restart, ops.Move/Apply/Rollback through an OpContext). Everything that can be refused is
 * decided before a job starts, so the caller answers 400/404/409 with nothing run: names checked against the
 * registry, then the deploy lock taken here (held → 409 naming the holder) and handed to the job, which releases it.
 */
public final class DeployJobs {
    private final ServerContext ctx;
    private final JobRunner runner;

    public DeployJobs(ServerContext ctx, JobRunner runner) {
        this.ctx = ctx;
        this.runner = runner;
    }

    /** The one per server, registered to stop with it (graceful: see {@link JobRunner#close}). */
    public static DeployJobs of(ServerContext ctx) {
        JobRunner runner = ctx.shared(JobRunner.class, () -> {
            JobRunner r = new JobRunner(ctx.events());
            ctx.onStop(r);
            return r;
        });
        return ctx.shared(DeployJobs.class, () -> new DeployJobs(ctx, runner));
    }

    public JobRunner runner() { return runner; }

    /**
     * deploy, start, stop or restart {@code services} (or every service with {@code all}), as `portoser ACTION` runs
     * them non-interactively: {@code yes} allows destructive fixes, {@code noAutoHeal} only diagnoses, and a stop whose
     * running dependents were not named needs {@code force} (409 naming them otherwise).
     */
    public Job lifecycle(DeployOptions.Action action, List<String> services, boolean all, boolean yes, boolean noAutoHeal,
                         boolean force, String who) {
        Registry registry = ctx.registry().get();
        List<String> names = all ? List.copyOf(registry.services().keySet()) : services;
        for (String s : names) knownService(registry, "services", s);
        String kind = action.name().toLowerCase();
        Plan plan = switch (action) {
            case DEPLOY -> Planner.plan(registry, Planner.parse(registry, all ? List.of() : names, all, null));
            case STOP -> Lifecycle.plan(registry, Lifecycle.union(names, dependentsToStop(registry, names, force)));
            default -> Lifecycle.plan(registry, names);
        };
        String why = kind + " " + plan.selection() + " (web: " + who + ")";
        DeployLock lock = lock(why);
        Job job = new Job(DeployIds.next(), kind, plan.serviceNames(), who, ctx.events());
        return runner.submit(job, lock, j -> {
            DeployOptions o = base(j).withAction(action).withKind(kind).withHealing(
                    action == DeployOptions.Action.STOP ? Healing.Settings.OFF : healing(noAutoHeal, yes));
            // The job's output reads as `portoser ACTION` on a terminal (plan, lines, summary); the report is the --json-output document.
            DeployRun.Result r = DeployRun.run(registry, plan, o, j.console(), new DeployRun.Settings(false, Duration.ZERO, why), lock);
            return new JobRunner.Done(r.exitCode() == 0, r.json(), r.exitCode() == 0 ? null : failure(r.json()));
        });
    }

    /** `portoser move SERVICE <its current host> TO` (a failed step on TO heals like deploy: {@code heal}). */
    public Job move(String service, String to, Healing.Settings heal, String who) {
        Registry registry = ctx.registry().get();
        Service s = knownService(registry, "service", service);
        if (registry.host(to).isEmpty()) throw unknown("to", "host", to, registry.hosts().keySet());
        String from = s.currentHost();
        if (from.equals(to)) throw ApiError.badField("to", service + " is already on " + to);
        DeployLock lock = lock("move " + service + " " + from + " -> " + to + " (web: " + who + ")");
        Job job = new Job(DeployIds.next(), "move", List.of(service), who, ctx.events());
        return runner.submit(job, lock, j -> {
            // Loaded under the lock, as the CLI does: another move may just have changed the registry.
            Registry now = RegistryLoader.load(registry.file());
            Service checked = Move.check(now, service, from, to);
            String after = RegistryEdits.moveService(RegistryLoader.read(now.file()), service, to);
            OpContext op = Operations.context("move", now, after, null, base(j).withHealing(heal), home(), j.console());
            Move.Outcome outcome = new Move(now, op).run(checked, from, to);
            String said = Move.describe(outcome, service, from, to);
            boolean ok = outcome == Move.Outcome.MOVED;
            Map<String, Object> plan = new LinkedHashMap<>();
            plan.put("service", service);
            plan.put("from", from);
            plan.put("to", to);
            plan.put("outcome", outcome.name().toLowerCase());
            return new JobRunner.Done(ok, OpJson.of("move", plan, op, ok, ok ? List.of() : List.of(said)), ok ? null : said);
        });
    }

    /** `portoser apply --dry-run`: what apply would change, nothing run. */
    public StateDiff applyPlan() {
        return StateDiff.of(ctx.registry().get(), new StateStore(home()).load());
    }

    /** `portoser apply`: the diff is taken under the lock, in the job (a deploy that just ended has changed the state). */
    public Job apply(Healing.Settings heal, String who) {
        Registry registry = ctx.registry().get();
        DeployLock lock = lock("apply (web: " + who + ")");
        Job job = new Job(DeployIds.next(), "apply", List.of(), who, ctx.events());
        return runner.submit(job, lock, j -> {
            StateDiff diff = StateDiff.of(registry, new StateStore(home()).load());
            j.console().out().println(diff.empty() ? "nothing to apply: the state matches the registry" : "apply:\n  " + String.join("\n  ", diff.lines()));
            if (diff.empty()) return new JobRunner.Done(true, OpJson.of("apply", diff, null, true, List.of()), null);
            OpContext op = Operations.context("apply", registry, RegistryLoader.read(registry.file()), null, base(j).withHealing(heal), home(), j.console());
            Apply apply = new Apply(registry, op, new HistoryStore(home()));
            boolean ok = apply.run(diff);
            return new JobRunner.Done(ok, OpJson.of("apply", diff, op, ok, apply.failures()), ok ? null : String.join("; ", apply.failures()));
        });
    }

    /** `portoser history rollback ID`: unknown id → 404; a record with nothing to go back to → 400 naming `id`. */
    public Job rollback(String id, Healing.Settings heal, String who) {
        DeploymentRecord r;
        try {
            r = new HistoryStore(home()).get(id);
        } catch (PortoserException e) {
            throw ApiError.notFound(e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
        Registry registry = ctx.registry().get();
        Rollback op = new Rollback(registry);
        badId(() -> op.snapshot(r));
        DeployLock lock = lock("rollback to " + r.id() + " (web: " + who + ")");
        Rollback.Steps steps;
        try {
            steps = badId(() -> op.plan(r, new StateStore(home()).load()));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
        Job job = new Job(DeployIds.next(), "rollback", steps.services(), who, ctx.events());
        return runner.submit(job, lock, j -> {
            OpContext oc = Operations.context("rollback", registry, r.registrySnapshot(), r.id(), base(j).withHealing(heal), home(), j.console());
            boolean ok = op.run(r, steps, oc);
            String error = ok ? null : "rollback to " + r.id() + " failed" + (oc.history().record() == null || oc.history().record().error() == null
                    ? "" : ": " + oc.history().record().error());
            return new JobRunner.Done(ok, OpJson.of("rollback", steps, oc, ok, ok ? List.of() : List.of(error)), error);
        });
    }

    /** The API's `no_auto_heal` and `yes`: as the CLI's flags without a terminal to ask (a destructive fix needs yes). */
    public static Healing.Settings healing(boolean noAutoHeal, boolean yes) {
        return Healing.Settings.of(noAutoHeal, yes, q -> false);
    }

    // ---- helpers

    /** The run's options: the server's executor, the job's listener (events), the job's id as the deploy id. */
    private DeployOptions base(Job j) {
        return DeployOptions.of(ctx.executor()).withListener(j.listener()).withDeployId(j.id()).withWho("web:" + j.who());
    }

    private Path home() { return ctx.home(); }

    /** Takes the deploy lock without waiting: 409 naming its holder when someone has it. */
    private DeployLock lock(String why) {
        try {
            return DeployLock.acquire(home(), why, Duration.ZERO, notice -> {});
        } catch (PortoserException e) {
            throw ApiError.conflict(e.getMessage());
        }
    }

    /** Running services outside the selection that need it: stopped too with {@code force}, else 409 naming them. */
    private List<String> dependentsToStop(Registry registry, List<String> names, boolean force) {
        List<String> dependents = Lifecycle.runningDependents(registry, names, ctx.executor(), Runners::forType);
        if (dependents.isEmpty() || force) return dependents;
        throw ApiError.conflict("not stopped: running services depend on " + String.join(", ", names) + ": " + String.join(", ", dependents)
                + " (stop them too with force: true)");
    }

    private static Service knownService(Registry registry, String field, String name) {
        return registry.service(name).orElseThrow(() -> unknown(field, "service", name, registry.services().keySet()));
    }

    private static ApiError unknown(String field, String what, String name, Set<String> known) {
        String dym = Suggest.didYouMean(name, known);
        return ApiError.badField(field, "unknown " + what + " '" + name + "'" + (dym != null ? "; " + dym : "; " + what + "s are: " + String.join(", ", known)));
    }

    private static <T> T badId(java.util.function.Supplier<T> s) {
        try {
            return s.get();
        } catch (PortoserException e) {
            throw ApiError.badField("id", e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
    }

    /** A failed run's one-line reason, from its report. */
    static String failure(Map<String, Object> json) {
        if ("preflight_failed".equals(json.get("result"))) return String.valueOf(json.get("message"));
        List<String> parts = new ArrayList<>();
        Object services = json.get("services");
        if (services instanceof List<?> l) for (Object o : l) {
            if (o instanceof Map<?, ?> m && !"deployed".equals(m.get("result"))) parts.add(m.get("service") + " " + m.get("result") + (m.get("error") == null ? "" : ": " + m.get("error")));
        }
        return parts.isEmpty() ? "failed" : String.join("; ", parts);
    }
}

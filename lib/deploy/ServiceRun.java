package lib.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.cli.PortoserException;
import lib.exec.SyncResult;

/**
 * One service's turn in a run: its phases in order (sync, up, health for a deploy), each timed and reported to
 * the listener as it ends. The first failing phase ends the turn with the reason and, for a service that was
 * started, the tail of its log.
 */
final class ServiceRun {
    private final DeployTarget t;
    private final Runner runner;
    private final DeployOptions o;
    private final HealthBarrier barrier;
    private final Healing healing;
    private final List<PhaseResult> phases = new ArrayList<>();
    private final List<HealRecord> rounds = new ArrayList<>();
    private Map<String, String> images = Map.of();

    ServiceRun(DeployTarget t, Runner runner, DeployOptions o, HealthBarrier barrier, Healing healing) {
        this.t = t;
        this.runner = runner;
        this.o = o;
        this.barrier = barrier;
        this.healing = healing;
    }

    /** The phase names an action runs after preflight. */
    static List<String> phaseNames(DeployOptions.Action action) {
        return switch (action) {
            case DEPLOY -> List.of("sync", "up", "health");
            case START -> List.of("start", "health");
            case RESTART -> List.of("restart", "health");
            case STOP -> List.of("stop");
        };
    }

    /**
     * Runs the phases after {@code before} (preflight, plus its healing rounds if any). When a step that starts or
     * waits for the service fails and healing is on, the loop observes and diagnoses (phases `observe`,
     * `diagnose`), solves (`solve`) and, when a fix was applied, runs the step again (a failed health check
     * reruns from the start step: a fresh process). The solver's attempt budget and circuit breaker bound this.
     */
    ServiceOutcome run(List<PhaseResult> before, List<HealRecord> preflightHealing) {
        phases.addAll(before);
        rounds.addAll(preflightHealing);
        List<String> names = phaseNames(o.action());
        Healing.Round pending = null;
        int i = 0;
        while (i < names.size()) {
            String name = names.get(i);
            long start = System.nanoTime();
            try {
                String detail = phase(name); // before ms(start): arguments evaluate left to right
                record(PhaseResult.ok(name, ms(start), detail));
                if (pending != null && pending.step().equals(name)) {
                    pending.finish(true);
                    rounds.add(pending.record());
                    pending = null;
                }
                i++;
            } catch (RuntimeException e) {
                record(PhaseResult.failed(name, ms(start), message(e)));
                String tail = tail(name, e);
                if (pending != null) {
                    pending.finish(false);
                    rounds.add(pending.record());
                    pending = null;
                }
                if (healing == null || !Healing.HEALABLE_STEPS.contains(name)) return outcome(ServiceOutcome.Result.FAILED, message(e), tail);
                Healing.Round r = heal(name, message(e), tail);
                if (r == null || !r.retry()) {
                    if (r != null) rounds.add(r.record());
                    String why = r.reason() == null ? "" : "; " + r.reason();
                    return outcome(ServiceOutcome.Result.FAILED, message(e) + why, tail);
                }
                t.log("retrying " + name + " after the fix");
                pending = r;
                i = retryFrom(names, name);
            }
        }
        return outcome(ServiceOutcome.Result.DEPLOYED, null, null);
    }

    private Healing.Round heal(String step, String failure, String tail) {
        try {
            Healing.Round r = healing.diagnose(t, step, failure, tail);
            r.solve();
            r.phases.forEach(this::record);
            return r;
        } catch (RuntimeException e) {
            // Healing must never turn a clear failure into a crash: say so and fail as without it.
            t.log("self-healing failed: " + message(e));
            return null;
        }
    }

    /** A failed health check retries from the step that started the service; any other step retries itself. */
    static int retryFrom(List<String> names, String failed) {
        if (!failed.equals("health")) return names.indexOf(failed);
        for (int j = 0; j < names.size(); j++) if (List.of("up", "start", "restart").contains(names.get(j))) return j;
        return names.indexOf(failed);
    }

    private String phase(String name) {
        return switch (name) {
            case "sync" -> describe(runner.sync(t));
            case "up" -> up();
            case "start" -> { runner.start(t); yield "started"; }
            case "restart" -> { runner.restart(t); yield "restarted"; }
            case "stop" -> { runner.stop(t); yield "stopped"; }
            case "health" -> barrier.await(t, runner, o.settle());
            default -> throw new IllegalStateException("unknown phase " + name);
        };
    }

    private String up() {
        UpResult up = runner.up(t);
        images = up.images();
        return up.detail();
    }

    /** Phases that start something get the log tail: that is where the reason is. Sync and stop do not. */
    private String tail(String phase, RuntimeException e) {
        if (e instanceof DeployException de && de.logTail() != null) return de.logTail();
        boolean started = List.of("up", "start", "restart", "health").contains(phase);
        return started ? HealthBarrier.logTail(t, runner) : null;
    }

    private void record(PhaseResult p) {
        phases.add(p);
        o.listener().phase(t.service().name(), t.host().name(), p);
    }

    private ServiceOutcome outcome(ServiceOutcome.Result result, String error, String logTail) {
        return new ServiceOutcome(t.service().name(), t.host().name(), result, phases, images, error, logTail, rounds);
    }

    /** A service that does not run because something it needs did not come up. */
    static ServiceOutcome skipped(Plan.Step step, List<PhaseResult> before, DeployOptions.Action action, String why) {
        List<PhaseResult> phases = new ArrayList<>(before);
        for (String name : phaseNames(action)) phases.add(PhaseResult.skipped(name, why));
        return new ServiceOutcome(step.service(), step.host(), ServiceOutcome.Result.SKIPPED, phases, null, why, null);
    }

    static String message(RuntimeException e) {
        String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return e instanceof PortoserException pe && pe.hint() != null ? m + " (" + pe.hint() + ")" : m;
    }

    private static String describe(SyncResult s) {
        return s.sent() + " file" + (s.sent() == 1 ? "" : "s") + " sent, " + s.skipped() + " unchanged";
    }

    static long ms(long startNanos) { return (System.nanoTime() - startNanos) / 1_000_000; }
}

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
    private final List<PhaseResult> phases = new ArrayList<>();
    private Map<String, String> images = Map.of();

    ServiceRun(DeployTarget t, Runner runner, DeployOptions o, HealthBarrier barrier) {
        this.t = t;
        this.runner = runner;
        this.o = o;
        this.barrier = barrier;
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

    ServiceOutcome run(PhaseResult preflight) {
        if (preflight != null) phases.add(preflight);
        for (String name : phaseNames(o.action())) {
            long start = System.nanoTime();
            try {
                String detail = phase(name); // before ms(start): arguments evaluate left to right
                record(PhaseResult.ok(name, ms(start), detail));
            } catch (RuntimeException e) {
                record(PhaseResult.failed(name, ms(start), message(e)));
                return outcome(ServiceOutcome.Result.FAILED, message(e), tail(name, e));
            }
        }
        return outcome(ServiceOutcome.Result.DEPLOYED, null, null);
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
        return new ServiceOutcome(t.service().name(), t.host().name(), result, phases, images, error, logTail);
    }

    /** A service that does not run because something it needs did not come up. */
    static ServiceOutcome skipped(Plan.Step step, PhaseResult preflight, DeployOptions.Action action, String why) {
        List<PhaseResult> phases = new ArrayList<>();
        if (preflight != null) phases.add(preflight);
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

package lib.deploy;

/** One step of a service's deploy (preflight, sync, up, health, stop, …): how it went and how long it took. */
public record PhaseResult(String name, Status status, long durationMs, String detail) {
    public enum Status { OK, FAILED, SKIPPED }

    public static PhaseResult ok(String name, long ms, String detail) { return new PhaseResult(name, Status.OK, ms, detail); }

    public static PhaseResult failed(String name, long ms, String detail) { return new PhaseResult(name, Status.FAILED, ms, detail); }

    public static PhaseResult skipped(String name, String why) { return new PhaseResult(name, Status.SKIPPED, 0, why); }

    public boolean ok() { return status == Status.OK; }
}

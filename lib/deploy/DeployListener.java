package lib.deploy;

/**
 * Receives deploy progress as it happens: output lines and phase results per service, and from the self-healing
 * loop the problems it diagnosed and the actions it took. The CLI prints them (prefixed `[service@host]`); the web
 * server streams them as events. Implementations must be thread-safe: waves run services in parallel.
 */
public interface DeployListener {
    DeployListener NONE = new DeployListener() {
        @Override public void line(String service, String host, String line) {}
        @Override public void phase(String service, String host, PhaseResult phase) {}
    };

    void line(String service, String host, String line);

    void phase(String service, String host, PhaseResult phase);

    /** A service is done (deployed, failed or skipped): the CLI prints its phase line here. */
    default void finished(ServiceOutcome outcome) {}

    /** The self-healing loop diagnosed a problem (the CLI shows it as output lines already). */
    default void problem(String service, String host, HealRecord.Found problem) {}

    /** The solver took (or planned, or was refused) one step of a fix for {@code fingerprint}; {@code step.done()} says it ran. */
    default void action(String service, String host, String fingerprint, HealRecord.Step step) {}

    /** Both, in order: first this, then {@code next}. */
    default DeployListener andThen(DeployListener next) {
        if (next == NONE) return this;
        if (this == NONE) return next;
        DeployListener first = this;
        return new DeployListener() {
            @Override public void line(String s, String h, String l) { first.line(s, h, l); next.line(s, h, l); }
            @Override public void phase(String s, String h, PhaseResult p) { first.phase(s, h, p); next.phase(s, h, p); }
            @Override public void finished(ServiceOutcome o) { first.finished(o); next.finished(o); }
            @Override public void problem(String s, String h, HealRecord.Found p) { first.problem(s, h, p); next.problem(s, h, p); }
            @Override public void action(String s, String h, String f, HealRecord.Step a) { first.action(s, h, f, a); next.action(s, h, f, a); }
        };
    }
}

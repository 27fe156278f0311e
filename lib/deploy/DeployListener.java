package lib.deploy;

/**
 * Receives deploy progress as it happens: output lines and phase results per service. The CLI prints them
 * (prefixed `[service@host]`); the web server will stream them. Implementations must be thread-safe: waves run
 * services in parallel.
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
}

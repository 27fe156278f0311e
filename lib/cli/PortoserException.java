package lib.cli;

/** An expected failure: carries the exit code, a one-line message and an optional hint naming the next step. */
public class PortoserException extends RuntimeException {
    private final int exitCode;
    private final String hint;

    public PortoserException(int exitCode, String message, String hint) {
        super(message);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public PortoserException(int exitCode, String message) {
        this(exitCode, message, null);
    }

    public int exitCode() { return exitCode; }

    public String hint() { return hint; }
}

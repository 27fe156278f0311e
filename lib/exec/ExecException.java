package lib.exec;

import lib.cli.ExitCode;
import lib.cli.PortoserException;

/** A host could not run the command at all (as opposed to a command that ran and failed). */
public class ExecException extends PortoserException {
    /** Why the host could not be reached; each kind carries its own hint. */
    public enum Kind {
        CONNECTION_REFUSED, TIMEOUT, DNS, NO_ROUTE, AUTH_FAILED, HOST_KEY_UNKNOWN, HOST_KEY_CHANGED, NO_KEY, OTHER
    }

    private final Kind kind;
    private final String host;

    public ExecException(String host, Kind kind, String message, String hint) {
        super(kind == Kind.HOST_KEY_UNKNOWN || kind == Kind.HOST_KEY_CHANGED ? ExitCode.REFUSED : ExitCode.FAILED,
                host + ": " + message, hint);
        this.kind = kind;
        this.host = host;
    }

    public Kind kind() { return kind; }

    public String host() { return host; }
}

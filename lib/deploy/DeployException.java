package lib.deploy;

import lib.cli.ExitCode;
import lib.cli.PortoserException;

/** A deploy step that failed: one line of why, a hint, and (optionally) the log lines that show it. */
public class DeployException extends PortoserException {
    private final String logTail;

    public DeployException(String message, String hint, String logTail) {
        super(ExitCode.FAILED, message, hint);
        this.logTail = logTail;
    }

    public DeployException(String message, String hint) {
        this(message, hint, null);
    }

    public String logTail() { return logTail; }
}

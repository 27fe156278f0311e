package lib.registry;

import lib.cli.ExitCode;
import lib.cli.PortoserException;

/** An edit that cannot be made (no such service, a name taken, a hand-written flow section). Nothing is written. */
public class EditException extends PortoserException {
    public EditException(String message, String hint) {
        super(ExitCode.BAD_INPUT, message, hint);
    }

    public EditException(String message) {
        this(message, null);
    }
}

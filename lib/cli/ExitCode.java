package lib.cli;

/** The exit codes every command uses; README.md carries the same table. */
public final class ExitCode {
    public static final int OK = 0;
    /** The operation ran and failed (a host unreachable, a check failed, a registry that does not validate). */
    public static final int FAILED = 1;
    /** Bad input: unknown option, bad argument, broken registry given to a command that needs a valid one. */
    public static final int BAD_INPUT = 2;
    /** Refused by state: unknown or changed host key, lock held. Nothing was changed. */
    public static final int REFUSED = 3;
    /** A bug in portoser itself. */
    public static final int INTERNAL = 4;

    private ExitCode() {}
}

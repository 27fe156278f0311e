package lib.cli;

import picocli.CommandLine;

/** Builds the CommandLine every entry point uses: one error handler, one exit-code table. */
public final class Cli {
    private Cli() {}

    public static CommandLine commandLine(Object command) {
        CommandLine cl = new CommandLine(command);
        cl.setExecutionExceptionHandler(Cli::handle);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Commands marked lib.audit.Audited leave a line in the audit log after they ran.
        cl.setExecutionStrategy(new lib.audit.CliAudit());
        return cl;
    }

    /** Entry for `main` methods: run and exit with the command's code. */
    public static void exit(Object command, String[] args) {
        int code = commandLine(command).execute(args);
        System.out.flush();
        System.exit(code);
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        boolean verbose = parsed != null && (parsed.hasMatchedOption("--verbose") || parsed.hasMatchedOption("-v")
                || parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose") || p.hasMatchedOption("-v")));
        Console console = new Console(cl.getOut(), cl.getErr(), Console.colorWanted(false));
        if (e instanceof PortoserException pe) {
            if (pe.getMessage() != null && !pe.getMessage().isEmpty()) console.error(pe.getMessage());
            if (pe.hint() != null) console.hint(pe.hint());
            if (verbose) e.printStackTrace(cl.getErr());
            return pe.exitCode();
        }
        console.error("internal error: " + e);
        if (verbose) e.printStackTrace(cl.getErr());
        else console.hint("run again with --verbose for the stack trace, and report it");
        return ExitCode.INTERNAL;
    }
}

package lib.audit;

import java.util.ArrayList;
import java.util.List;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.exec.ExecOptions;
import lib.util.Sh;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParseResult;

/**
 * Runs the command picocli parsed, and when it is {@link Audited} records it in $PORTOSER_HOME/audit.jsonl with
 * who ("cli:" + the OS user), the command line, its exit code and, when it failed, the error. Help, --version
 * and --dry-run change nothing and are not recorded.
 */
public final class CliAudit implements IExecutionStrategy {
    private final IExecutionStrategy inner = new CommandLine.RunLast();

    @Override
    public int execute(ParseResult parsed) {
        ParseResult last = parsed;
        boolean helpOnly = parsed.isUsageHelpRequested() || parsed.isVersionHelpRequested();
        while (last.hasSubcommand()) {
            last = last.subcommand();
            helpOnly |= last.isUsageHelpRequested() || last.isVersionHelpRequested();
        }
        if (!(last.commandSpec().userObject() instanceof Audited) || helpOnly || last.hasMatchedOption("--dry-run"))
            return inner.execute(parsed);
        String what = commandLine(parsed);
        int code;
        try {
            code = inner.execute(parsed);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            record(what, cause instanceof PortoserException p ? p.exitCode() : ExitCode.INTERNAL, String.valueOf(cause.getMessage()));
            throw e;
        }
        record(what, code, null);
        return code;
    }

    private static void record(String what, int code, String detail) {
        new AuditLog(ExecOptions.defaults().portoserHome()).recordCli(who(), what, code, detail);
    }

    public static String who() { return "cli:" + System.getProperty("user.name", "unknown"); }

    /** The command as typed: the root command's name and every argument, quoted where the shell would need it. */
    static String commandLine(ParseResult parsed) {
        List<String> words = new ArrayList<>();
        words.add(parsed.commandSpec().name());
        for (String a : parsed.originalArgs()) words.add(Sh.quote(a));
        return String.join(" ", words);
    }
}

package lib.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.history.DeployRecords;
import lib.deploy.lock.DeployLock;
import lib.util.Json;

/**
 * A plan run the way the CLI runs it: under the deploy lock, progress printed live (to stderr when stdout
 * carries `--json-output`), then the summary or the one JSON document. Returns the exit code: 0 only when
 * every service made it. Shared by deploy, start, stop and restart.
 */
public final class DeployRun {
    private DeployRun() {}

    public record Settings(boolean jsonOutput, Duration lockWait, String why) {}

    public static int execute(lib.registry.Registry registry, Plan plan, DeployOptions options, Console c, Settings s) {
        PrintWriter progress = s.jsonOutput() ? c.err() : c.out();
        progress.print(plan.text());
        if (options.action() == DeployOptions.Action.STOP) progress.println("  (stopping runs the waves backwards: dependents first)");
        progress.flush();
        // History record and state.yml come with every CLI run; callers' own hooks run first.
        DeployOptions o = options.withListener(new ConsoleListener(progress, c, ConsoleListener.labels(plan)))
                .withHooks(options.hooks().andThen(DeployRecords.hooks(registry, options.kind(), options.action())));
        Path home = options.executor().options().portoserHome();
        DeployReport report;
        try (DeployLock lock = DeployLock.acquire(home, s.why(), s.lockWait(), c::warn)) {
            report = Deployer.run(registry, plan, o);
        } catch (PreflightException e) {
            DeployText.problems(e.problems(), c);
            DeployText.healingStopped(e, c);
            c.error(e.getMessage());
            if (s.jsonOutput()) print(c, Json.pretty(DeployText.json(e)));
            return ExitCode.FAILED;
        }
        if (s.jsonOutput()) print(c, Json.pretty(DeployText.json(report)));
        else print(c, "\n" + DeployText.summary(report, c).stripTrailing());
        return report.ok() ? ExitCode.OK : ExitCode.FAILED;
    }

    private static void print(Console c, String text) {
        c.out().println(text);
        c.out().flush();
    }
}

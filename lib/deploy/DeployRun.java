package lib.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.history.DeployRecords;
import lib.deploy.lock.DeployLock;
import lib.util.Json;

/**
 * A plan run the way the CLI runs it: under the deploy lock, progress printed live (to stderr when stdout
 * carries `--json-output`), then the summary or the one JSON document. Returns the exit code: 0 only when
 * every service made it. Shared by deploy, start, stop and restart, and by the web API's deploy jobs.
 */
public final class DeployRun {
    private DeployRun() {}

    public record Settings(boolean jsonOutput, Duration lockWait, String why) {}

    /** How a run ended: its exit code and the document `--json-output` prints (kept also when the summary was printed). */
    public record Result(int exitCode, Map<String, Object> json) {}

    public static int execute(lib.registry.Registry registry, Plan plan, DeployOptions options, Console c, Settings s) {
        return run(registry, plan, options, c, s, null).exitCode();
    }

    /**
     * The run, printing to {@code c} as the CLI does. {@code options.listener()} hears everything too (the web API
     * streams it). {@code held}: the deploy lock the caller already holds (the web API takes it before it answers,
     * and releases it itself); null: taken here, waiting up to {@code s.lockWait()}, and released at the end.
     * History record and state.yml go under the executor's $PORTOSER_HOME.
     */
    public static Result run(lib.registry.Registry registry, Plan plan, DeployOptions options, Console c, Settings s, DeployLock held) {
        PrintWriter progress = s.jsonOutput() ? c.err() : c.out();
        progress.print(plan.text());
        if (options.action() == DeployOptions.Action.STOP) progress.println("  (stopping runs the waves backwards: dependents first)");
        progress.flush();
        Path home = options.executor().options().portoserHome();
        // History record and state.yml come with every CLI run; callers' own hooks run first.
        DeployOptions o = options.withListener(new ConsoleListener(progress, c, ConsoleListener.labels(plan)).andThen(options.listener()))
                .withHooks(options.hooks().andThen(DeployRecords.hooks(registry, options.kind(), options.action(), home, options.who())));
        DeployReport report;
        try (DeployLock lock = held != null ? null : DeployLock.acquire(home, s.why(), s.lockWait(), c::warn)) {
            report = Deployer.run(registry, plan, o);
        } catch (PreflightException e) {
            DeployText.problems(e.problems(), c);
            DeployText.healingStopped(e, c);
            c.error(e.getMessage());
            Map<String, Object> json = DeployText.json(e);
            if (s.jsonOutput()) print(c, Json.pretty(json));
            return new Result(ExitCode.FAILED, json);
        }
        Map<String, Object> json = DeployText.json(report);
        if (s.jsonOutput()) print(c, Json.pretty(json));
        else print(c, "\n" + DeployText.summary(report, c).stripTrailing());
        return new Result(report.ok() ? ExitCode.OK : ExitCode.FAILED, json);
    }

    private static void print(Console c, String text) {
        c.out().println(text);
        c.out().flush();
    }
}

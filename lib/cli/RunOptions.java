package lib.cli;

import java.time.Duration;
import lib.deploy.DeployOptions;
import lib.deploy.DeployRun;
import lib.deploy.Plan;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The options of every command that runs a plan on hosts (deploy, start, stop, restart), and the run itself. */
public class RunOptions {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = "--json-output", description = "Print one JSON report on stdout; progress goes to stderr.")
    public boolean jsonOutput;

    private int parallel = 16;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0",
            description = "Wait this long for another deploy's lock (default: ${DEFAULT-VALUE}).")
    int lockWait;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "16", description = "At most N services at once (default: ${DEFAULT-VALUE}).")
    void parallel(int n) {
        if (n < 1) throw new ParameterException(mixee.commandLine(), "--parallel must be at least 1, got " + n);
        parallel = n;
    }

    public int parallel() { return parallel; }

    /** An executor for the registry's hosts, as wide as --parallel. */
    public Executor executor(Registry registry) {
        return new Executor(ExecOptions.forRegistry(registry.file()).withParallelism(parallel));
    }

    public DeployOptions options(Executor executor, DeployOptions.Action action, String kind) {
        return DeployOptions.of(executor).withParallel(parallel).withAction(action).withKind(kind).withHealing(healing);
    }

    /** The self-healing loop for runs of this command: off unless the command sets it (deploy, start and restart do). */
    public lib.deploy.Healing.Settings healing = lib.deploy.Healing.Settings.OFF;

    /**
     * `--no-auto-heal` and `--yes` for the commands that start things (start, restart; apply, move and history
     * rollback pass {@link #settings()} to Operations.context): mix in next to {@link RunOptions} and set
     * {@link #healing} from {@link #settings()} (deploy declares its own, same meaning).
     */
    public static class HealOptions {
        @Option(names = "--no-auto-heal", description = {"When a step fails, show the raw failure and the diagnosis, and fix nothing",
                "(by default the self-healing loop observes, diagnoses, applies safe fixes and retries)."})
        public boolean noAutoHeal;

        @Option(names = {"-y", "--yes"}, description = "Allow destructive fixes of the self-healing loop (e.g. killing an unrelated process holding the port).")
        public boolean yes;

        public lib.deploy.Healing.Settings settings() {
            return lib.deploy.Healing.Settings.of(noAutoHeal, yes, lib.deploy.Confirm.interactive() ? lib.deploy.Confirm::ask : q -> false);
        }
    }

    /** Runs the plan under the deploy lock with live output, history and state; returns the exit code. */
    public int execute(Registry registry, Plan plan, DeployOptions options, Console console, String kind) {
        return DeployRun.execute(registry, plan, options, console,
                new DeployRun.Settings(jsonOutput, Duration.ofSeconds(lockWait), kind + " " + plan.selection()));
    }

    /** The whole run for a plan whose services need nothing decided on the hosts first. */
    public int execute(Registry registry, Plan plan, DeployOptions.Action action, String kind, Console console) {
        try (Executor executor = executor(registry)) {
            return execute(registry, plan, options(executor, action, kind), console, kind);
        }
    }
}

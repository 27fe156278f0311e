///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.history.HistoryStore;
import lib.deploy.ops.OpContext;
import lib.deploy.ops.OpJson;
import lib.deploy.ops.Operations;
import lib.deploy.state.StateDiff;
import lib.deploy.state.StateStore;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `portoser apply`: make the hosts match the registry, judged by what the state says is deployed. */
@Command(name = "apply", mixinStandardHelpOptions = true,
        description = {"Compare the registry with the state ($PORTOSER_HOME/state.yml) and fix the difference:",
                "stop orphans (deployed, no longer in the registry), migrate services whose host changed",
                "(stop on the old host, deploy on the new), deploy missing ones. The diff is printed first.",
                "Failed steps go through the self-healing loop like deploy; --no-auto-heal only diagnoses."},
        footer = {"", "Examples:", "  portoser apply --dry-run", "  portoser apply", "  portoser apply --dry-run --json", "  portoser apply --json   (one JSON document on stdout: diff, result, runs; progress on stderr)"})
public class Apply implements Callable<Integer>, Audited {
    @Mixin
    CommonOptions common;

    @Mixin
    lib.cli.RunOptions.HealOptions heal;

    @Option(names = "--dry-run", description = "Print the diff (with --json: as JSON) and change nothing.")
    boolean dryRun;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0", description = "Wait this long for another deploy's lock (default: ${DEFAULT-VALUE}).")
    int lockWait;

    public static void main(String[] args) {
        Cli.exit(new Apply(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        Console c = common.console();
        if (dryRun) return print(c, StateDiff.of(registry, StateStore.standard().load()));
        return Operations.locked("apply", Duration.ofSeconds(lockWait), c, () -> apply(registry, c));
    }

    private int apply(Registry registry, Console c) {
        // Diffed under the lock: a deploy that finished while we waited has changed the state.
        StateDiff diff = StateDiff.of(registry, StateStore.standard().load());
        if (!common.json()) print(c, diff);
        if (diff.empty()) return common.json() ? json(c, diff, null, true, List.of()) : ExitCode.OK;
        try (Executor executor = new Executor(ExecOptions.forRegistry(registry.file()))) {
            OpContext ctx = Operations.context("apply", registry, RegistryLoader.read(registry.file()), null, executor, heal.settings(), c);
            // With --json, stdout carries one document only: progress goes to stderr, like deploy --json-output.
            if (common.json()) ctx = ctx.withProgress(c.err());
            lib.deploy.ops.Apply op = new lib.deploy.ops.Apply(registry, ctx, HistoryStore.standard());
            boolean ok = op.run(diff);
            if (common.json()) return json(c, diff, ctx, ok, op.failures());
            if (!ok) return failed(c, op.failures());
            c.ok("applied: the hosts match the registry" + (ctx.history().id() == null ? "" : " (" + ctx.history().id() + ")"));
            return ExitCode.OK;
        }
    }

    private static int failed(Console c, List<String> failures) {
        failures.forEach(c::error);
        return ExitCode.FAILED;
    }

    private static int json(Console c, StateDiff diff, OpContext ctx, boolean ok, List<String> failures) {
        if (!ok) failures.forEach(c::error);
        c.out().println(Json.pretty(OpJson.of("apply", diff, ctx, ok, failures)));
        c.out().flush();
        return ok ? ExitCode.OK : ExitCode.FAILED;
    }

    private int print(Console c, StateDiff diff) {
        if (common.json()) c.out().println(Json.pretty(diff));
        else if (diff.empty()) c.out().println("nothing to apply: the state matches the registry (" + diff.unchanged().size() + " services)");
        else c.out().println("apply: " + diff.orphans().size() + " orphan, " + diff.migrations().size() + " to migrate, "
                + diff.missing().size() + " missing\n  " + String.join("\n  ", diff.lines()));
        c.out().flush();
        return ExitCode.OK;
    }
}

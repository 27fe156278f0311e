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
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.ops.OpContext;
import lib.deploy.ops.Operations;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryLoader;
import lib.registry.Service;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser move SVC FROM TO`: run a service on another host without a gap, then point the registry there. */
@Command(name = "move", mixinStandardHelpOptions = true,
        description = {"Move a service: preflight and deploy it on TO, wait until it is healthy there, then stop it on",
                "FROM and set its current_host to TO (registry and state). If TO fails, FROM keeps running and",
                "the registry is not changed. A failed step on TO goes through the self-healing loop like deploy",
                "(e.g. a stale copy holding the port there is cleaned up); --no-auto-heal only diagnoses."},
        footer = {"", "Examples:", "  portoser move web nuc pi", "  portoser move web nuc pi --lock-wait 60"})
public class Move implements Callable<Integer>, Audited {
    @Mixin
    CommonOptions common;

    @Mixin
    lib.cli.RunOptions.HealOptions heal;

    @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to move.")
    String service;

    @Parameters(index = "1", paramLabel = "FROM", description = "The host it runs on now (its current_host).")
    String from;

    @Parameters(index = "2", paramLabel = "TO", description = "The host to move it to.")
    String to;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0", description = "Wait this long for another deploy's lock (default: ${DEFAULT-VALUE}).")
    int lockWait;

    public static void main(String[] args) {
        Cli.exit(new Move(), args);
    }

    @Override
    public Integer call() {
        Console c = common.console();
        return Operations.locked("move " + service + " " + from + " -> " + to, Duration.ofSeconds(lockWait), c, () -> move(c));
    }

    private int move(Console c) {
        // Loaded under the lock: another move may just have changed the registry.
        Registry registry = RegistryLoader.load(common.registryFile());
        Service s = lib.deploy.ops.Move.check(registry, service, from, to);
        String after = RegistryEdits.moveService(RegistryLoader.read(registry.file()), service, to);
        try (Executor executor = new Executor(ExecOptions.forRegistry(registry.file()))) {
            OpContext ctx = Operations.context("move", registry, after, null, executor, heal.settings(), c);
            lib.deploy.ops.Move.Outcome o = new lib.deploy.ops.Move(registry, ctx).run(s, from, to);
            String said = lib.deploy.ops.Move.describe(o, service, from, to);
            return switch (o) {
                case MOVED -> ok(c, said);
                case MOVED_SOURCE_STILL_RUNNING -> failed(c, said, "stop it there: portoser remote exec " + from + " -- …, then: portoser refresh");
                case TARGET_REFUSED -> failed(c, said, null);
                case TARGET_FAILED -> failed(c, said, "see why: portoser history show " + ctx.history().id());
            };
        }
    }

    private static int ok(Console c, String msg) {
        c.ok(msg);
        return ExitCode.OK;
    }

    private static int failed(Console c, String msg, String hint) {
        c.error(msg);
        if (hint != null) c.hint(hint);
        return ExitCode.FAILED;
    }
}

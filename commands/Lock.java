///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.lock.DeployLock;
import lib.deploy.lock.LockInfo;
import lib.exec.ExecOptions;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `portoser lock …`: the deploy lock on this machine ($PORTOSER_HOME/locks/deploy). */
@Command(name = "lock", mixinStandardHelpOptions = true,
        description = {"Show, take or release the deploy lock. Every deploy, apply, move, rollback and refresh holds it, so two of them never change the same hosts at once."},
        subcommands = {Lock.Status.class, Lock.Acquire.class, Lock.Release.class},
        footer = {"", "A lock whose process died on this machine is stale: the next deploy breaks it and says so.",
                "A lock taken by hand (lock acquire) holds until 'lock release'; --lock-wait never waits for it."})
public class Lock extends CommandGroup {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new Lock(), args);
    }

    static Path home() { return ExecOptions.defaults().portoserHome(); }

    static Map<String, Object> json(Optional<LockInfo> holder) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("locked", holder.isPresent());
        m.put("stale", holder.map(LockInfo::stale).orElse(false));
        m.put("holder", holder.orElse(null));
        return m;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Who holds the deploy lock, since when and why.",
            footer = {"", "Examples:", "  portoser lock status", "  portoser lock status --json"})
    static class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Optional<LockInfo> holder = DeployLock.status(home());
            Console c = common.console();
            if (common.json()) c.out().println(Json.pretty(json(holder)));
            else if (holder.isEmpty()) c.out().println("unlocked: no deploy is running");
            else c.out().println("locked by " + holder.get().describe(Instant.now())
                    + (holder.get().stale() ? "  (stale: that process is gone; the next deploy breaks it)" : ""));
            c.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "acquire", mixinStandardHelpOptions = true,
            description = {"Take the deploy lock by hand, e.g. for maintenance: deploys are refused until 'lock release'."},
            footer = {"", "Example:", "  portoser lock acquire -m 'migrating the database'"})
    static class Acquire implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Option(names = {"-m", "--message"}, required = true, paramLabel = "WHY", description = "Why, shown to whoever is refused.")
        String message;

        @Override
        public Integer call() {
            Console c = common.console();
            LockInfo info = DeployLock.acquireManual(home(), message, c::warn);
            if (common.json()) c.out().println(Json.pretty(json(Optional.of(info))));
            else c.ok("deploy lock taken: " + info.describe(Instant.now()));
            c.out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "release", mixinStandardHelpOptions = true,
            description = {"Release the deploy lock. Another process's live lock, or another person's manual lock, needs --force."},
            footer = {"", "Examples:", "  portoser lock release", "  portoser lock release --force"})
    static class Release implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Option(names = "--force", description = "Release it even though its holder is alive (two deploys may then overlap).")
        boolean force;

        @Override
        public Integer call() {
            Console c = common.console();
            Optional<LockInfo> was = DeployLock.release(home(), force);
            if (common.json()) c.out().println(Json.pretty(Map.of("released", was.isPresent(), "holder", was.map(Object.class::cast).orElse(""))));
            else if (was.isEmpty()) c.out().println("unlocked: there was no deploy lock");
            else c.ok("released the deploy lock held by " + was.get().describe(Instant.now()));
            c.out().flush();
            return ExitCode.OK;
        }
    }
}

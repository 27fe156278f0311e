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
import java.util.Map;
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryCompare;
import lib.deploy.history.HistoryStore;
import lib.deploy.history.HistoryText;
import lib.deploy.ops.OpContext;
import lib.deploy.ops.Operations;
import lib.deploy.state.StateStore;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser history …`: the deploy records in $PORTOSER_HOME/deployments. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List, show and compare past deploys; roll back to one; clean old records up.",
                "A record left 'running' by a process that died is marked 'abandoned' when read."},
        subcommands = {History.ListCmd.class, History.Show.class, History.Compare.class, History.Rollback.class, History.Cleanup.class})
public class History extends CommandGroup {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new History(), args);
    }

    static void print(Console c, String text) {
        c.out().print(text.endsWith("\n") ? text : text + "\n");
        c.out().flush();
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every recorded deploy, newest first.",
            footer = {"", "Examples:", "  portoser history list", "  portoser history list --limit 5 --json"})
    static class ListCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show at most N (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            List<DeploymentRecord> records = HistoryStore.standard().list(null, limit);
            Console c = common.console();
            print(c, common.json() ? Json.pretty(records) : HistoryText.list(records, c));
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One deploy: who, when, each service's phases and images.",
            footer = {"", "Examples:", "  portoser history show deploy-20261123-150102-3fa9", "  portoser history show deploy-20261123 --json"})
    static class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "ID", description = "A deploy id, or a prefix naming exactly one.")
        String id;

        @Override
        public Integer call() {
            DeploymentRecord r = HistoryStore.standard().get(id);
            Console c = common.console();
            print(c, common.json() ? Json.pretty(r) : HistoryText.show(r, c));
            return ExitCode.OK;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = "What differs between two deploys: services, hosts, image ids and registry lines.",
            footer = {"", "Example:", "  portoser history compare deploy-20261122-090000-aaaa deploy-20261123-150102-3fa9"})
    static class Compare implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(index = "0", paramLabel = "FROM", description = "The older deploy.")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "The newer deploy.")
        String to;

        @Override
        public Integer call() {
            HistoryStore store = HistoryStore.standard();
            HistoryCompare cmp = HistoryCompare.of(store.get(from), store.get(to));
            print(common.console(), common.json() ? Json.pretty(cmp.json()) : cmp.text());
            return ExitCode.OK;
        }
    }

    @Command(name = "rollback", mixinStandardHelpOptions = true,
            description = {"Redeploy what a past deploy deployed: its registry snapshot's definitions, on the hosts it used.",
                    "Services now elsewhere are stopped there first; their current_host is pointed back in the registry.",
                    "Failed steps go through the self-healing loop like deploy; --no-auto-heal only diagnoses."},
            footer = {"", "Examples:", "  portoser history rollback deploy-20261122-090000-aaaa --dry-run",
                    "  portoser history rollback deploy-20261122-090000-aaaa"})
    static class Rollback implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Mixin
        lib.cli.RunOptions.HealOptions heal;

        @Parameters(paramLabel = "ID", description = "The deploy to go back to (an id, or a prefix naming exactly one).")
        String id;

        @Option(names = "--dry-run", description = "Print what would be stopped, deployed and edited; change nothing.")
        boolean dryRun;

        @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0", description = "Wait this long for another deploy's lock (default: ${DEFAULT-VALUE}).")
        int lockWait;

        @Override
        public Integer call() {
            Console c = common.console();
            DeploymentRecord r = HistoryStore.standard().get(id);
            Registry registry = RegistryLoader.load(common.registryFile());
            lib.deploy.ops.Rollback op = new lib.deploy.ops.Rollback(registry);
            op.snapshot(r);
            if (dryRun) return printSteps(c, r, op.plan(r, StateStore.standard().load()));
            return Operations.locked("rollback to " + r.id(), Duration.ofSeconds(lockWait), c, () -> {
                lib.deploy.ops.Rollback.Steps steps = op.plan(r, StateStore.standard().load());
                printSteps(c, r, steps);
                try (Executor ex = new Executor(ExecOptions.forRegistry(registry.file()))) {
                    OpContext ctx = Operations.context("rollback", registry, r.registrySnapshot(), r.id(), ex, heal.settings(), c);
                    if (!op.run(r, steps, ctx)) {
                        c.error("rollback to " + r.id() + " failed");
                        c.hint("see why: portoser history show " + ctx.history().id());
                        return ExitCode.FAILED;
                    }
                    c.ok("rolled back to " + r.id() + (ctx.history().id() == null ? "" : " (" + ctx.history().id() + ")"));
                    return ExitCode.OK;
                }
            });
        }

        private int printSteps(Console c, DeploymentRecord r, lib.deploy.ops.Rollback.Steps s) {
            if (common.json() && dryRun) {
                print(c, Json.pretty(s));
                return ExitCode.OK;
            }
            StringBuilder sb = new StringBuilder("rollback to " + r.id() + " (" + r.kind() + ", " + r.startedAt() + "):\n");
            s.stopFirst().forEach((svc, host) -> sb.append("  stop    ").append(svc).append("@").append(host).append("  (runs elsewhere now)\n"));
            s.placements().forEach((svc, host) -> sb.append("  deploy  ").append(svc).append("@").append(host).append('\n'));
            r.images().forEach((svc, imgs) -> imgs.forEach((ctr, img) -> sb.append("          ").append(ctr).append(" was ").append(img).append('\n')));
            s.restoredFiles().forEach((svc, files) -> files.forEach(f -> sb.append("          ").append(svc).append('/').append(f)
                    .append(" as recorded (it differs now)\n")));
            if (!s.registryLines().isEmpty()) sb.append("  registry:\n    ").append(String.join("\n    ", s.registryLines())).append('\n');
            print(c, sb.toString());
            return ExitCode.OK;
        }
    }

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Delete all but the newest N records (a running deploy's record is always kept).",
            footer = {"", "Example:", "  portoser history cleanup --keep 50"})
    static class Cleanup implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Option(names = "--keep", required = true, paramLabel = "N", description = "How many of the newest records to keep.")
        int keep;

        @Override
        public Integer call() {
            if (keep < 0) throw new lib.cli.PortoserException(ExitCode.BAD_INPUT, "--keep must be 0 or more");
            List<String> deleted = HistoryStore.standard().cleanup(keep);
            Console c = common.console();
            if (common.json()) print(c, Json.pretty(Map.of("deleted", deleted)));
            else c.ok("deleted " + deleted.size() + " record" + (deleted.size() == 1 ? "" : "s") + ", kept the newest " + keep);
            return ExitCode.OK;
        }
    }
}

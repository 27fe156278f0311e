///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryCompare;
import lib.deploy.history.HistoryStore;
import lib.deploy.history.HistoryText;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser history …`: the deploy records in $PORTOSER_HOME/deployments. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List, show and compare past deploys; roll back to one; clean old records up.",
                "A record left 'running' by a process that died is marked 'abandoned' when read."},
        subcommands = {History.ListCmd.class, History.Show.class, History.Compare.class, History.Cleanup.class})
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
            List<DeploymentRecord> records = HistoryStore.standard().list().stream().limit(Math.max(0, limit)).toList();
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

    @Command(name = "cleanup", mixinStandardHelpOptions = true,
            description = "Delete all but the newest N records (a running deploy's record is always kept).",
            footer = {"", "Example:", "  portoser history cleanup --keep 50"})
    static class Cleanup implements Callable<Integer> {
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

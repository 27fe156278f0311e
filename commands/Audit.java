///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.audit.AuditEntry;
import lib.audit.AuditLog;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.exec.ExecOptions;
import lib.util.Json;
import lib.util.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `portoser audit …`: the append-only log of every change made from the CLI or the API ($PORTOSER_HOME/audit.jsonl). */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The audit log: who changed what, when, from where (cli or api), and how it ended."},
        subcommands = {Audit.ListCmd.class})
public class Audit extends CommandGroup {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new Audit(), args);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest entries, newest first.",
            footer = {"", "Examples:", "  portoser audit list", "  portoser audit list --limit 200 --json-output"})
    static class ListCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--limit", paramLabel = "N", description = "How many entries (default: 50).")
        int limit = 50;

        @Option(names = "--json-output", description = "Print JSON (same as --json): {entries: [...]}, as GET /api/audit.")
        boolean jsonOutput;

        @Override
        public Integer call() throws IOException {
            if (limit < 1) throw new PortoserException(ExitCode.BAD_INPUT, "--limit must be 1 or more, got " + limit);
            AuditLog log = new AuditLog(ExecOptions.defaults().portoserHome());
            List<AuditEntry> entries = log.recent(limit);
            Console c = common.console();
            if (common.json() || jsonOutput) {
                c.out().println(Json.pretty(Map.of("entries", entries)));
            } else if (entries.isEmpty()) {
                c.out().println("no audit entries yet (" + log.file() + ")");
            } else {
                Table t = new Table("WHEN", "WHO", "VIA", "WHAT", "RESULT", "DETAIL");
                for (AuditEntry e : entries)
                    t.row(e.ts(), e.who(), e.via(), e.what(), e.result() + " (" + e.status() + ")", e.detail() == null ? "" : e.detail());
                c.out().print(t.render());
            }
            c.out().flush();
            return ExitCode.OK;
        }
    }
}

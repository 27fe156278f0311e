///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.knowledge.Insights;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeReport;
import lib.knowledge.KnowledgeText;
import lib.knowledge.Playbook;
import lib.knowledge.UnmatchedProblem;
import lib.registry.Suggest;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser learn …`: what the self-healing loop has learned, from $PORTOSER_HOME/knowledge. */
@Command(name = "learn", mixinStandardHelpOptions = true,
        description = {"What the self-healing loop has learned: problems seen, what fixed them, what keeps coming back.",
                "Reads $PORTOSER_HOME/knowledge (playbooks/, problem_frequency.txt, patterns_history/)."},
        subcommands = {Learn.Summary.class, Learn.Stats.class, Learn.Playbooks.class, Learn.PlaybookCmd.class, Learn.InsightsCmd.class,
                Learn.UnmatchedCmd.class})
public class Learn extends CommandGroup {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new Learn(), args);
    }

    static void print(Console c, String text) {
        c.out().print(text.endsWith("\n") ? text : text + "\n");
        c.out().flush();
    }

    /** Nothing recorded yet is not an error: say so kindly and exit 0. */
    static boolean empty(KnowledgeBase kb, CommonOptions common) {
        if (!kb.isEmpty()) return false;
        print(common.console(), common.json() ? "{ }" : KnowledgeText.EMPTY);
        return true;
    }

    @Command(name = "summary", mixinStandardHelpOptions = true, description = "One screen: totals per fingerprint, auto-fixed vs unresolved, most frequent.",
            footer = {"", "Example:", "  portoser learn summary"})
    static class Summary implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            KnowledgeBase kb = KnowledgeBase.standard();
            if (empty(kb, common)) return ExitCode.OK;
            KnowledgeReport.Summary s = KnowledgeReport.summary(kb);
            Console c = common.console();
            print(c, common.json() ? Json.pretty(s) : KnowledgeText.summary(s, c));
            return ExitCode.OK;
        }
    }

    @Command(name = "stats", mixinStandardHelpOptions = true, description = "Full statistics: per fingerprint, per service, recurring, playbooks.",
            footer = {"", "Example:", "  portoser learn stats --json-output"})
    static class Stats implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--json-output", description = "Print the statistics as one JSON document (the same as --json).")
        boolean jsonOutput;

        @Override
        public Integer call() {
            KnowledgeBase kb = KnowledgeBase.standard();
            Console c = common.console();
            // The JSON document is well-formed even when empty: scripts should not have to special-case a new cluster.
            if (jsonOutput || common.json()) print(c, Json.pretty(KnowledgeReport.stats(kb)));
            else if (!empty(kb, common)) print(c, KnowledgeText.summary(KnowledgeReport.summary(kb), c));
            return ExitCode.OK;
        }
    }

    @Command(name = "playbooks", mixinStandardHelpOptions = true, description = "Every recorded playbook: fingerprint, times resolved, where.",
            footer = {"", "Example:", "  portoser learn playbooks"})
    static class Playbooks implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            KnowledgeBase kb = KnowledgeBase.standard();
            Console c = common.console();
            if (common.json()) print(c, Json.pretty(kb.playbooks()));
            else if (kb.playbooks().isEmpty()) print(c, "No playbooks yet: one is written the first time the loop fixes a problem.");
            else print(c, KnowledgeText.playbooks(kb.playbooks()));
            return ExitCode.OK;
        }
    }

    @Command(name = "playbook", mixinStandardHelpOptions = true, description = "One playbook: what happened, the steps that worked, where.",
            footer = {"", "Example:", "  portoser learn playbook port_conflict"})
    static class PlaybookCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "FINGERPRINT", description = "A problem fingerprint, e.g. port_conflict.")
        String fingerprint;

        @Override
        public Integer call() {
            KnowledgeBase kb = KnowledgeBase.standard();
            Console c = common.console();
            Playbook pb = kb.playbook(fingerprint).orElse(null);
            if (pb == null) return noPlaybook(kb, c);
            print(c, common.json() ? Json.pretty(pb) : kb.playbookMarkdown(fingerprint).orElse(lib.standardize.PlaybookMarkdown.render(pb)));
            return ExitCode.OK;
        }

        private int noPlaybook(KnowledgeBase kb, Console c) {
            Set<String> known = kb.knownFingerprints();
            if (!known.contains(fingerprint)) throw unknown("fingerprint", fingerprint, known);
            print(c, "No playbook for " + fingerprint + " yet: the loop has not fixed it so far.");
            return ExitCode.OK;
        }
    }

    @Command(name = "insights", mixinStandardHelpOptions = true, description = "One service: what failed, what was fixed automatically, what is unresolved.",
            footer = {"", "Example:", "  portoser learn insights web"})
    static class InsightsCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "SERVICE", description = "A service name.")
        String service;

        @Override
        public Integer call() {
            KnowledgeBase kb = KnowledgeBase.standard();
            if (empty(kb, common)) return ExitCode.OK;
            Console c = common.console();
            Insights in = Insights.of(kb, service);
            if (in.isEmpty()) return nothingFor(kb, c);
            print(c, common.json() ? Json.pretty(in) : KnowledgeText.insights(in, c));
            return ExitCode.OK;
        }

        /** A registry service that never had a problem is good news; a name nobody knows is a typo. */
        private int nothingFor(KnowledgeBase kb, Console c) {
            Set<String> known = new TreeSet<>(kb.services());
            Set<String> registered = registryServices();
            known.addAll(registered);
            if (!registered.contains(service)) throw unknown("service", service, known);
            print(c, "No problems recorded for " + service + ".");
            return ExitCode.OK;
        }

        private Set<String> registryServices() {
            try {
                return lib.registry.RegistryLoader.load(common.registryFile()).services().keySet();
            } catch (RuntimeException noRegistry) {
                return Set.of(); // insights work from the knowledge base alone; the registry only vouches for quiet services
            }
        }
    }

    @Command(name = "unmatched", mixinStandardHelpOptions = true,
            description = {"Failures no fingerprint knows, to triage: found again in the observations past deploys and",
                    "diagnose runs kept, newest first. Each is a candidate for a new patterns/<fingerprint>.java."},
            footer = {"", "Example:", "  portoser learn unmatched --limit 5"})
    static class UnmatchedCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "Show at most N (default: ${DEFAULT-VALUE}).")
        int limit;

        @Override
        public Integer call() {
            if (limit < 1) throw new PortoserException(ExitCode.BAD_INPUT, "--limit must be 1 or more");
            List<UnmatchedProblem> found = UnmatchedProblem.find(lib.exec.ExecOptions.defaults().portoserHome(), limit);
            Console c = common.console();
            print(c, common.json() ? Json.pretty(found) : KnowledgeText.unmatched(found, c));
            return ExitCode.OK;
        }
    }

    static PortoserException unknown(String what, String name, Collection<String> known) {
        String hint = Suggest.didYouMean(name, known);
        return new PortoserException(ExitCode.BAD_INPUT, "no " + what + " '" + name + "' in the knowledge base",
                hint != null ? hint : "see what is known: portoser learn summary");
    }
}

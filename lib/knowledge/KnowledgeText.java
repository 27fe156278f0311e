package lib.knowledge;

import java.util.List;
import lib.cli.Console;

/** How the knowledge base reads on a terminal: `learn summary`, `playbooks`, `insights` and `unmatched`. */
public final class KnowledgeText {
    public static final String EMPTY = "The knowledge base is empty: nothing has gone wrong in a deploy yet (or the loop ran with --no-auto-heal).\n"
            + "Problems the self-healing loop sees and fixes will show up here.\n";

    private KnowledgeText() {}

    public static String summary(KnowledgeReport.Summary s, Console c) {
        StringBuilder sb = new StringBuilder(c.bold("Knowledge base")).append(": ").append(s.problems()).append(" problems seen, ")
                .append(s.autoFixed()).append(" auto-fixed, ").append(s.unresolved()).append(" unresolved, ")
                .append(s.playbooks()).append(" playbooks\n\n");
        sb.append(String.format("%-22s %6s %10s %10s  %s%n", "FINGERPRINT", "SEEN", "AUTO-FIXED", "UNRESOLVED", "SERVICES"));
        for (KnowledgeReport.FingerprintTotal t : s.byFingerprint()) {
            sb.append(String.format("%-22s %6d %10d %10d  %s%n", t.fingerprint(), t.seen(), t.autoFixed(), t.unresolved(),
                    String.join(", ", t.services())));
        }
        if (!s.topRecurring().isEmpty()) sb.append("\nMost frequent:\n").append(recurring(s.topRecurring(), c));
        return sb.toString();
    }

    public static String recurring(List<Recurring> list, Console c) {
        StringBuilder sb = new StringBuilder();
        for (Recurring r : list) {
            sb.append("  ").append(r.fingerprint()).append(" on ").append(r.service()).append(": ").append(r.count())
                    .append(r.count() == 1 ? " time" : " times").append(" (").append(String.join(", ", r.hosts())).append(")");
            if (r.probablyConfigBug()) sb.append("  ").append(c.yellow(Recurring.FLAG)).append("\n    → ").append(r.suggestion());
            sb.append('\n');
        }
        return sb.toString();
    }

    public static String playbooks(List<Playbook> list) {
        StringBuilder sb = new StringBuilder(String.format("%-22s %8s  %-24s  %s%n", "FINGERPRINT", "RESOLVED", "LAST SEEN", "WHERE"));
        for (Playbook p : list) {
            List<String> where = p.entries().stream().map(e -> e.service() + "@" + e.host()).toList();
            sb.append(String.format("%-22s %8d  %-24s  %s%n", p.fingerprint(), p.resolvedCount(), p.lastSeen(), String.join(", ", where)));
        }
        return sb.toString();
    }

    public static String insights(Insights in, Console c) {
        StringBuilder sb = new StringBuilder(c.bold(in.service())).append('\n');
        sb.append("\nWhat failed:\n");
        in.failed().forEach(f -> sb.append("  ").append(f.fingerprint()).append(": ").append(f.count()).append(f.count() == 1 ? " time" : " times")
                .append(" on ").append(String.join(", ", f.hosts())).append(", last ").append(f.lastSeen()).append('\n'));
        sb.append("\nFixed automatically:\n");
        if (in.autoFixed().isEmpty()) sb.append("  nothing yet\n");
        in.autoFixed().forEach(f -> sb.append("  ").append(f.fingerprint()).append(": ").append(f.count()).append(f.count() == 1 ? " time" : " times")
                .append(f.steps().isEmpty() ? "" : " by: " + String.join("; ", f.steps())).append('\n'));
        sb.append("\nUnresolved:\n");
        if (in.unresolved().isEmpty()) sb.append("  nothing\n");
        in.unresolved().forEach(u -> sb.append("  ").append(u.fingerprint()).append(": ").append(u.count()).append(u.count() == 1 ? " time" : " times")
                .append(u.lastMessage() == null ? "" : " — " + u.lastMessage()).append(u.hint() == null ? "" : "\n    hint: " + u.hint()).append('\n'));
        if (!in.recurring().isEmpty()) sb.append("\nRecurring:\n").append(recurring(in.recurring(), c));
        return sb.toString();
    }

    public static String unmatched(List<UnmatchedProblem> list, Console c) {
        if (list.isEmpty()) return "No unmatched problems: every failure kept so far had a known fingerprint.\n";
        StringBuilder sb = new StringBuilder();
        for (UnmatchedProblem p : list) {
            sb.append(c.bold(p.service() + "@" + p.host())).append("  ").append(p.run()).append("  ").append(p.ts()).append('\n');
            sb.append("  ").append(p.summary()).append('\n');
            p.evidence().forEach(e -> e.excerpt().lines().filter(l -> !l.isBlank())
                    .forEach(l -> sb.append("    evidence: [").append(e.kind()).append(" #").append(e.observation()).append("] ").append(l.strip()).append('\n')));
            if (p.hint() != null && !p.hint().isBlank()) sb.append("    hint: ").append(p.hint()).append('\n');
        }
        return sb.toString();
    }
}

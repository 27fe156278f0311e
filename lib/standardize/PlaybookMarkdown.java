package lib.standardize;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import lib.knowledge.Playbook;
import lib.knowledge.Playbook.Entry;
import lib.knowledge.Playbook.Step;

/** Renders the human half of a playbook from its JSON twin, so the two can never disagree. */
public final class PlaybookMarkdown {
    private PlaybookMarkdown() {}

    public static String render(Playbook pb) {
        StringBuilder sb = new StringBuilder("# Playbook: ").append(pb.fingerprint()).append("\n\n");
        sb.append("Resolved ").append(times(pb.resolvedCount())).append(". First seen ").append(pb.firstSeen())
                .append(", last seen ").append(pb.lastSeen()).append(".\n\n");
        sb.append("## What happened (last time)\n\n").append(orDash(pb.lastSummary())).append('\n');
        if (pb.lastHint() != null && !pb.lastHint().isBlank()) sb.append("\nHint: ").append(pb.lastHint()).append('\n');
        sb.append("\n## Steps that worked\n\n");
        int n = 1;
        for (Map.Entry<String, Integer> s : totals(pb).entrySet()) {
            sb.append(n++).append(". ").append(s.getKey()).append(" — worked ").append(times(s.getValue())).append('\n');
        }
        sb.append("\n## Where\n\n");
        for (Entry e : pb.entries()) sb.append(where(e));
        return sb.toString();
    }

    private static String where(Entry e) {
        StringBuilder sb = new StringBuilder("- ").append(e.service()).append(" on ").append(e.host()).append(": resolved ")
                .append(times(e.count())).append(", last seen ").append(e.lastSeen()).append('\n');
        for (Step s : e.steps()) {
            sb.append("  - ").append(s.step()).append(" (").append(times(s.successes())).append(')');
            if (s.command() != null && !s.command().isBlank()) sb.append(": `").append(s.command()).append('`');
            sb.append('\n');
        }
        return sb.toString();
    }

    /** Each step's successes over every service and host, most successful first. */
    static Map<String, Integer> totals(Playbook pb) {
        Map<String, Integer> t = new LinkedHashMap<>();
        pb.entries().forEach(e -> e.steps().forEach(s -> t.merge(s.step(), s.successes(), Integer::sum)));
        Map<String, Integer> sorted = new LinkedHashMap<>();
        t.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                .forEach(x -> sorted.put(x.getKey(), x.getValue()));
        return sorted;
    }

    private static String times(int n) { return n == 1 ? "1 time" : n + " times"; }

    private static String orDash(String s) { return s == null || s.isBlank() ? "—" : s; }
}

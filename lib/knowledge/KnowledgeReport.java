package lib.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure views over a loaded knowledge base: the summary, the full stats document and per-service insights.
 * "Seen" counts come from `problem_frequency.txt`; "auto-fixed" from resolved events; the rest is unresolved.
 */
public final class KnowledgeReport {
    private KnowledgeReport() {}

    public record FingerprintTotal(String fingerprint, int seen, int autoFixed, int unresolved, List<String> services, String lastSeen) {}

    public record Summary(int problems, int autoFixed, int unresolved, int playbooks, List<FingerprintTotal> byFingerprint,
                          List<Recurring> topRecurring) {}

    public static Summary summary(KnowledgeBase kb) {
        List<FingerprintTotal> totals = totals(kb);
        int seen = totals.stream().mapToInt(FingerprintTotal::seen).sum();
        int fixed = totals.stream().mapToInt(FingerprintTotal::autoFixed).sum();
        List<Recurring> top = Recurring.of(kb).stream().limit(5).toList();
        return new Summary(seen, fixed, totals.stream().mapToInt(FingerprintTotal::unresolved).sum(), kb.playbooks().size(), totals, top);
    }

    /** Per fingerprint, most seen first. */
    public static List<FingerprintTotal> totals(KnowledgeBase kb) {
        List<FingerprintTotal> out = new ArrayList<>();
        for (String fp : kb.fingerprints()) {
            List<Sighting> seen = kb.sightings().stream().filter(s -> fp.equals(s.fingerprint())).toList();
            int fixed = (int) kb.events().stream().filter(e -> fp.equals(e.fingerprint()) && e.resolved()).count();
            int count = Math.max(seen.size(), fixed);
            List<String> services = List.copyOf(new TreeSet<>(seen.stream().map(Sighting::service).toList()));
            String last = seen.stream().map(Sighting::ts).max(String::compareTo).orElse(null);
            out.add(new FingerprintTotal(fp, count, fixed, count - fixed, services, last));
        }
        out.sort((a, b) -> b.seen() - a.seen());
        return out;
    }

    /** The full document for `learn stats --json-output` and the API. */
    public static Map<String, Object> stats(KnowledgeBase kb) {
        Summary s = summary(kb);
        Map<String, Object> totals = new LinkedHashMap<>();
        totals.put("problems", s.problems());
        totals.put("auto_fixed", s.autoFixed());
        totals.put("unresolved", s.unresolved());
        totals.put("fingerprints", s.byFingerprint().size());
        totals.put("services", kb.services().size());
        totals.put("playbooks", s.playbooks());
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("knowledge_dir", kb.dir().root().toString());
        doc.put("totals", totals);
        doc.put("by_fingerprint", s.byFingerprint());
        doc.put("by_service", byService(kb));
        doc.put("recurring", Recurring.of(kb));
        doc.put("playbooks", kb.playbooks());
        return doc;
    }

    /** service → fingerprint → times seen. */
    static Map<String, Map<String, Integer>> byService(KnowledgeBase kb) {
        Map<String, Map<String, Integer>> m = new TreeMap<>();
        kb.sightings().forEach(s -> m.computeIfAbsent(s.service(), k -> new TreeMap<>()).merge(s.fingerprint(), 1, Integer::sum));
        return m;
    }
}

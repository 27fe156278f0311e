package lib.knowledge;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * How often one fingerprint hit one service. Three times or more is flagged "probably a configuration bug", with a
 * suggestion of what to change.
 */
public record Recurring(String fingerprint, String service, int count, List<String> hosts, String lastSeen,
                        boolean probablyConfigBug, String suggestion) {
    public static final int THRESHOLD = 3;
    public static final String FLAG = "probably a configuration bug";

    /** Every fingerprint/service pair seen, most frequent first. */
    public static List<Recurring> of(KnowledgeBase kb) {
        Map<String, List<Sighting>> byPair = new LinkedHashMap<>();
        kb.sightings().forEach(s -> byPair.computeIfAbsent(s.fingerprint() + "|" + s.service(), k -> new ArrayList<>()).add(s));
        List<Recurring> out = new ArrayList<>();
        byPair.values().forEach(list -> out.add(of(kb, list)));
        out.sort(Comparator.comparingInt(Recurring::count).reversed().thenComparing(Recurring::lastSeen, Comparator.reverseOrder()));
        return out;
    }

    private static Recurring of(KnowledgeBase kb, List<Sighting> seen) {
        Sighting first = seen.get(0);
        List<String> hosts = List.copyOf(new TreeSet<>(seen.stream().map(Sighting::host).toList()));
        String last = seen.stream().map(Sighting::ts).max(String::compareTo).orElse("");
        boolean bug = seen.size() >= THRESHOLD;
        String suggestion = bug ? Suggestions.forRecurring(first.fingerprint(), first.service(), hosts,
                latestDetails(kb, first.fingerprint(), first.service())) : null;
        return new Recurring(first.fingerprint(), first.service(), seen.size(), hosts, last, bug, suggestion);
    }

    private static Map<String, Object> latestDetails(KnowledgeBase kb, String fingerprint, String service) {
        Map<String, Object> d = Map.of();
        for (ProblemEvent e : kb.events()) {
            if (fingerprint.equals(e.fingerprint()) && service.equals(e.service()) && e.problem() != null) d = e.problem().details();
        }
        return d;
    }
}

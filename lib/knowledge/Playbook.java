package lib.knowledge;

import java.util.List;

/**
 * The machine-readable twin of `playbooks/<fingerprint>.md`: how often this fingerprint was resolved, what it looked
 * like last time, and per service/host the steps that worked with their success counts. The solver reads it.
 */
public record Playbook(String fingerprint, int resolvedCount, String firstSeen, String lastSeen, String lastSummary,
                       String lastHint, List<Entry> entries) {
    public Playbook {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** One service on one host. */
    public record Entry(String service, String host, int count, String lastSeen, List<Step> steps) {
        public Entry {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** A step that worked: the action's description (what the solver gets back), its command, how often it worked. */
    public record Step(String step, String command, int successes, String lastSeen) {}
}

package lib.observe;

import java.util.Map;

/**
 * One structured fact about a host or service, as appended to `$PORTOSER_HOME/observations/<deploy-id>.jsonl`:
 * {@code {ts, host, service, kind, facts{...}}}. Kinds: disk, memory, process, port, container, dependency, ssh,
 * docker, log. {@code service} is null for host-wide facts.
 */
public record Observation(String ts, String host, String service, String kind, Map<String, Object> facts) {
    public Observation {
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }
}

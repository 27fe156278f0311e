package lib.diagnose;

import java.util.List;

/**
 * A diagnosed problem: a fingerprint (port_conflict, dependency_not_ready, docker_daemon_down, stale_process,
 * disk_exhausted, ssh_unreachable, permission_denied, or `unmatched`), where, how sure (0..1), the evidence, a
 * one-line summary and a hint. {@code details} carries what a pattern needs (e.g. the port holder's pid).
 */
public record Problem(String fingerprint, String service, String host, Severity severity, double confidence,
                      List<Evidence> evidence, String summary, String hint, java.util.Map<String, Object> details) {
    public enum Severity { CRITICAL, HIGH, MEDIUM, LOW }

    public static final String UNMATCHED = "unmatched";

    public Problem {
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        details = details == null ? java.util.Map.of() : java.util.Map.copyOf(details);
        if (confidence < 0 || confidence > 1) throw new IllegalArgumentException("confidence must be in 0..1: " + confidence);
    }
}

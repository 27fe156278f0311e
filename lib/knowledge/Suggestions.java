package lib.knowledge;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to change when a problem keeps coming back: a fix that keeps being applied to the same service is usually
 * papering over a configuration bug. One concrete suggestion per fingerprint, filled in from the latest event.
 */
public final class Suggestions {
    /** The fingerprints the diagnoser knows; a name here is valid even before anything was recorded for it. */
    public static final Set<String> CATALOG = Set.of("port_conflict", "dependency_not_ready", "docker_daemon_down",
            "stale_process", "disk_exhausted", "ssh_unreachable", "permission_denied", "unmatched");

    private Suggestions() {}

    public static String forRecurring(String fingerprint, String service, List<String> hosts, Map<String, Object> details) {
        String host = hosts.isEmpty() ? "the host" : String.join(", ", hosts);
        return switch (fingerprint) {
            case "port_conflict" -> "another service is configured on port " + detail(details, "port", "N")
                    + "; change one of them in the registry";
            case "dependency_not_ready" -> detail(details, "dependency", "a dependency of " + service)
                    + " is repeatedly not ready in time; check its health check, or give " + service + " a longer start timeout";
            case "docker_daemon_down" -> "dockerd keeps stopping on " + host + "; enable it at boot (systemctl enable docker)"
                    + " and read why it stops (journalctl -u docker)";
            case "stale_process" -> service + " keeps leaving processes behind; make its stop command wait for the process"
                    + " to exit, and check its PID file path";
            case "disk_exhausted" -> host + " keeps running out of disk; rotate logs and prune images on a schedule, or give "
                    + service + " a path on a larger disk";
            case "ssh_unreachable" -> host + " keeps dropping off; check its address in the registry, its network and sshd";
            case "permission_denied" -> "fix the ownership/mode of " + detail(details, "path", "the path in the hint")
                    + " once, or change the user " + service + " runs as, instead of failing each deploy";
            default -> "the same failure keeps coming back; triage it: portoser learn insights " + service;
        };
    }

    private static String detail(Map<String, Object> details, String key, String fallback) {
        Object v = details == null ? null : details.get(key);
        return v == null || v.toString().isBlank() ? fallback : v.toString();
    }
}

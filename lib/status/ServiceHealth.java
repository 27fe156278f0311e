package lib.status;

import java.util.List;

/**
 * One service's health-check result, read off a status report (GET /api/health/services): its state, whether that
 * counts as up (healthy, or running with no check to run), and the check itself (kind, target, ok, detail).
 */
public record ServiceHealth(String service, String host, String state, boolean healthy, StatusReport.Health check) {
    public static List<ServiceHealth> of(StatusReport report) {
        return report.services().stream().map(s -> new ServiceHealth(s.name(), s.host(), s.state(),
                s.state().equals("healthy") || s.state().equals("running"), s.health())).toList();
    }
}

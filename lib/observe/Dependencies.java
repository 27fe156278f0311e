package lib.observe;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.registry.Service;
import lib.status.StatusReport.ServiceStatus;

/** A dependency's `status` line as a `dependency` observation of the service that needs it. */
final class Dependencies {
    private Dependencies() {}

    static Observation observation(Service of, ServiceStatus dep, String ts) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("name", dep.name());
        f.put("host", dep.host());
        f.put("state", dep.state());
        // Ready: running, and healthy when it has a check (status says "healthy" or, without a check, "running").
        f.put("ready", dep.state().equals("healthy") || dep.state().equals("running"));
        if (dep.health() != null && dep.health().detail() != null) f.put("health", dep.health().kind() + " " + dep.health().target() + ": " + dep.health().detail());
        if (dep.detail() != null) f.put("detail", dep.detail());
        f.put("line", dep.name() + "@" + dep.host() + " " + dep.state() + (dep.detail() == null ? "" : " (" + dep.detail() + ")")
                + (f.containsKey("health") ? " " + f.get("health") : ""));
        return new Observation(ts, of.currentHost(), of.name(), "dependency", f);
    }
}

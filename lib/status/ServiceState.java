package lib.status;

import java.util.List;
import lib.registry.Service;
import lib.status.HostProbe.Container;
import lib.status.HostProbe.ServiceProbe;
import lib.status.StatusReport.Health;
import lib.status.StatusReport.ServiceStatus;

/** Pure: turns probe facts and a health result into one service's status line. */
public final class ServiceState {
    private ServiceState() {}

    /** For a host that could not be probed. */
    public static ServiceStatus unknown(Service s, String why) {
        return new ServiceStatus(s.name(), s.currentHost(), s.deploymentType().yamlName(), s.port(), "unknown",
                null, null, null, null, null, why);
    }

    public static ServiceStatus of(Service s, HostProbe probe, Health health) {
        ServiceProbe p = probe.services().getOrDefault(s.name(), ServiceProbe.empty());
        Boolean running = running(s, p);
        Boolean listening = s.port() == null ? null : probe.listening().contains(s.port());
        String detail = detail(s, p);
        return new ServiceStatus(s.name(), s.currentHost(), s.deploymentType().yamlName(), s.port(),
                summarize(running, health, listening), running, p.pid(), p.containers(), listening, health, detail);
    }

    static Boolean running(Service s, ServiceProbe p) {
        return switch (s.deploymentType()) {
            case LOCAL -> Boolean.TRUE.equals(p.alive());
            case DOCKER -> p.dockerError() != null ? null
                    : p.containers() != null && p.containers().stream().anyMatch(c -> c.state().equals("running"));
            case NATIVE -> p.unitState() == null || p.unitState().equals("nomanager") ? null : p.unitState().equals("active");
        };
    }

    /** healthy / running (no check) / unhealthy / starting (port not yet open) / stopped / unknown. */
    static String summarize(Boolean running, Health health, Boolean listening) {
        if (running == null) return "unknown";
        if (!running) return "stopped";
        if (health != null && health.ok() != null) return health.ok() ? "healthy" : "unhealthy";
        if (Boolean.FALSE.equals(listening)) return "starting";
        return "running";
    }

    static String detail(Service s, ServiceProbe p) {
        return switch (s.deploymentType()) {
            case LOCAL -> Boolean.FALSE.equals(p.alive()) ? "stale PID file: process " + p.pid()
                    + (ProbeParser.REUSED.equals(p.command()) ? " is another program now" : " is gone")
                    : p.alive() == null ? "not started (no PID file)" : p.command();
            case DOCKER -> p.dockerError() != null ? p.dockerError() : containersText(p.containers());
            case NATIVE -> p.unitState() == null ? null : p.unitState().equals("nomanager")
                    ? "no running service manager (systemd/launchd) on this host" : "unit " + ProbeScript.unitName(s) + ": " + p.unitState();
        };
    }

    private static String containersText(List<Container> cs) {
        if (cs == null || cs.isEmpty()) return "no containers";
        return String.join(", ", cs.stream().map(c -> c.name() + " " + c.status()).toList());
    }
}

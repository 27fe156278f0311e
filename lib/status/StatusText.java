package lib.status;

import java.util.Locale;
import lib.cli.Console;
import lib.status.StatusReport.HostStatus;
import lib.status.StatusReport.ServiceStatus;
import lib.util.Table;

/** Renders a {@link StatusReport} as the two tables people read: hosts, then services. */
public final class StatusText {
    private StatusText() {}

    public static String render(StatusReport r, Console c) {
        StringBuilder sb = new StringBuilder();
        Table hosts = new Table("HOST", "ADDRESS", "REACH", "LATENCY", "LOAD 1/5/15", "NOTE");
        for (HostStatus h : r.hosts()) {
            String reach = !h.reachable() ? c.red("down") : h.local() ? c.green("local") : c.green("ssh");
            hosts.row(h.name(), h.ip(), reach, h.latencyMs() == null ? null : h.latencyMs() + " ms", load(h),
                    h.error() == null ? "" : h.error() + (h.hint() == null ? "" : " — " + h.hint()));
        }
        sb.append(hosts.render());
        if (!r.services().isEmpty()) {
            Table services = new Table("SERVICE", "HOST", "TYPE", "STATE", "PORT", "HEALTH", "DETAIL");
            for (ServiceStatus s : r.services()) {
                services.row(s.name(), s.host(), s.deploymentType(), paintState(s.state(), c), port(s), health(s), s.detail() == null ? "" : s.detail());
            }
            sb.append('\n').append(services.render());
        }
        long up = r.hosts().stream().filter(HostStatus::reachable).count();
        long good = r.services().stream().filter(s -> s.state().equals("healthy") || s.state().equals("running")).count();
        sb.append('\n').append(up).append('/').append(r.hosts().size()).append(" hosts reachable, ")
                .append(good).append('/').append(r.services().size()).append(" services up\n");
        return sb.toString();
    }

    static String paintState(String state, Console c) {
        return switch (state) {
            case "healthy", "running" -> c.green(state);
            case "starting" -> c.yellow(state);
            case "unknown" -> c.dim(state);
            default -> c.red(state);
        };
    }

    private static String load(HostStatus h) {
        if (h.load() == null) return null;
        String l = String.format(Locale.ROOT, "%.2f %.2f %.2f", h.load()[0], h.load()[1], h.load()[2]);
        return h.cpus() == null ? l : l + " (" + h.cpus() + " cpu)";
    }

    private static String port(ServiceStatus s) {
        if (s.port() == null) return null;
        if (s.portListening() == null) return String.valueOf(s.port());
        return s.port() + (s.portListening() ? " open" : " closed");
    }

    private static String health(ServiceStatus s) {
        if (s.health() == null || s.health().ok() == null) return null;
        return s.health().kind() + " " + (s.health().ok() ? "ok" : "failing") + " (" + s.health().detail() + ")";
    }
}

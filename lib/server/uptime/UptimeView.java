package lib.server.uptime;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;
import lib.registry.Registry;
import lib.registry.Service;
import lib.server.ApiError;

/** The answers of GET /api/uptime and GET /api/uptime/{service}, for the registry's services in registry order. */
public final class UptimeView {
    /** State changes listed per service in the overview. */
    static final int RECENT = 10;

    private UptimeView() {}

    /**
     * One service now: state/healthy/detail of the last check (null before the first), uptime over the kept
     * checks, when the window starts, the last check and the last change, and its newest state changes.
     */
    public record ServiceUptime(String service, String host, String state, Boolean healthy, String detail,
                                Double uptimePct, int checkCount, Long windowStart, Long lastCheck, Long lastChange,
                                List<Transition> transitions) {}

    public record Overview(long intervalMs, List<ServiceUptime> services) {}

    /** One service (the summary's fields, every kept transition) plus its checks after `since`, oldest first. */
    public record Detail(long intervalMs, @JsonUnwrapped ServiceUptime uptime, List<Check> checks) {}

    public static Overview all(UptimePoller p, Registry registry) {
        List<ServiceUptime> list = registry.services().values().stream().map(s -> summary(p.history(), s, RECENT)).toList();
        return new Overview(p.settings().interval().toMillis(), list);
    }

    /** 404 when the registry has no such service. */
    public static Detail service(UptimePoller p, Registry registry, String name, long since) {
        Service s = registry.services().get(name);
        if (s == null)
            throw ApiError.notFound("no service '" + name + "' in the registry (services: " + String.join(", ", registry.services().keySet()) + ")");
        ServiceHistory h = p.history().find(name);
        return new Detail(p.settings().interval().toMillis(), summary(p.history(), s, Integer.MAX_VALUE), h == null ? List.of() : h.checks(since));
    }

    static ServiceUptime summary(UptimeHistory history, Service s, int recent) {
        ServiceHistory h = history.find(s.name());
        Check last = h == null ? null : h.last();
        if (last == null) return new ServiceUptime(s.name(), s.currentHost(), null, null, null, null, 0, null, null, null, List.of());
        Transition change = h.lastChange();
        List<Transition> all = h.transitions();
        return new ServiceUptime(s.name(), last.host(), last.state(), last.healthy(), last.detail(), h.uptimePct(), h.checkCount(),
                h.windowStart(), last.ts(), change == null ? null : change.ts(), all.subList(Math.max(0, all.size() - recent), all.size()));
    }
}

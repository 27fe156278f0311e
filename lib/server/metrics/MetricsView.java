package lib.server.metrics;

import java.util.List;
import lib.registry.Registry;
import lib.server.ApiError;

/** The answers of GET /api/metrics and GET /api/metrics/{host}, built from the history for the registry's hosts. */
public final class MetricsView {
    private MetricsView() {}

    /** One host: its newest sample (null before the first) and its kept samples after `since`, oldest first. */
    public record HostSeries(String host, Sample latest, List<Sample> series) {}

    /** Every registry host, in registry order. */
    public record Overview(long intervalMs, int keep, List<HostSeries> hosts) {}

    public record HostDetail(String host, long intervalMs, int keep, Sample latest, List<Sample> series) {}

    public static Overview all(MetricsSampler m, Registry registry, long since) {
        List<HostSeries> hosts = registry.hosts().keySet().stream()
                .map(h -> new HostSeries(h, m.history().latest(h), m.history().series(h, since))).toList();
        return new Overview(m.settings().interval().toMillis(), m.settings().keep(), hosts);
    }

    /** One host; 404 when the registry has no such host. */
    public static HostDetail host(MetricsSampler m, Registry registry, String host, long since) {
        if (!registry.hosts().containsKey(host))
            throw ApiError.notFound("no host '" + host + "' in the registry (hosts: " + String.join(", ", registry.hosts().keySet()) + ")");
        return new HostDetail(host, m.settings().interval().toMillis(), m.settings().keep(), m.history().latest(host), m.history().series(host, since));
    }
}

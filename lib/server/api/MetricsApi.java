package lib.server.api;

import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;
import lib.server.metrics.MetricsSampler;
import lib.server.metrics.MetricsView;
import lib.server.metrics.Since;

/**
 * GET /api/metrics (every host: newest sample + series) and GET /api/metrics/{host}; `?since=` limits the series.
 * Starts the server's sampler (lib/server/metrics), which also streams each sample as a `metric` event.
 */
public final class MetricsApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        MetricsSampler m = MetricsSampler.of(ctx);
        routes.get("/api/metrics", Scope.READ, r -> Response.ok(MetricsView.all(m, ctx.registry().get(), Since.parse(r.query("since", null)))));
        routes.get("/api/metrics/{host}", Scope.READ,
                r -> Response.ok(MetricsView.host(m, ctx.registry().get(), r.param("host"), Since.parse(r.query("since", null)))));
    }
}

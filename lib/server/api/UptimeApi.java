package lib.server.api;

import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;
import lib.server.metrics.Since;
import lib.server.uptime.UptimePoller;
import lib.server.uptime.UptimeView;

/**
 * GET /api/uptime (every service: state, uptime %, last change, recent changes) and GET /api/uptime/{service}
 * (all kept changes and checks; `?since=` limits the checks). Starts the server's health poller
 * (lib/server/uptime), which publishes a `status` event whenever a service's state changes.
 */
public final class UptimeApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        UptimePoller p = UptimePoller.of(ctx);
        routes.get("/api/uptime", Scope.READ, r -> Response.ok(UptimeView.all(p, ctx.registry().get())));
        routes.get("/api/uptime/{service}", Scope.READ,
                r -> Response.ok(UptimeView.service(p, ctx.registry().get(), r.param("service"), Since.parse(r.query("since", null)))));
    }
}

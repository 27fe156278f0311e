package lib.server.api;

import java.time.Duration;
import java.util.Set;
import lib.registry.Registry;
import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;
import lib.status.SharedStatus;
import lib.status.StatusCollector;

/**
 * /api/status: hosts and services right now, the document `portoser status --json` prints, gathered over the
 * server's pooled SSH connections (one round trip per host).
 */
public final class StatusApi implements ApiGroup {
    /** As the CLI's --timeout default: a host that has not answered by then is reported unreachable. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(20);

    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/status", Scope.READ, r -> Response.ok(collector(ctx).collect(ctx.registry().get(), Set.of(), Set.of())));
        routes.get("/api/status/{service}", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            String name = Known.service(reg, r.param("service")).name();
            return Response.ok(collector(ctx).collect(reg, Set.of(name), Set.of()));
        });
    }

    /**
     * One per server: its HTTP client (for URL checks) is worth keeping between requests, and requests arriving
     * while a probe is under way share it rather than each probing every host again.
     */
    static SharedStatus collector(ServerContext ctx) {
        return ctx.shared(SharedStatus.class, () -> new SharedStatus(new StatusCollector(ctx.executor(), PROBE_TIMEOUT)));
    }
}

package lib.server.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import lib.cli.Version;
import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;
import lib.status.ServiceHealth;

/**
 * /api/health: is the server itself alive (version, which registry, whether its newest text loaded, how long it
 * has been up), and /api/health/services: every service's health-check result, from the same probe as status.
 */
public final class HealthApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        long started = System.nanoTime();
        routes.get("/api/health", Scope.READ, r -> Response.ok(liveness(ctx, started)));
        routes.get("/api/health/services", Scope.READ,
                r -> Response.ok(ServiceHealth.of(StatusApi.collector(ctx).collect(ctx.registry().get(), Set.of(), Set.of()))));
    }

    private static Map<String, Object> liveness(ServerContext ctx, long started) {
        ctx.registry().get(); // reload first, so a registry broken since the last request shows up here
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ok", true);
        m.put("version", Version.VERSION);
        m.put("registry_file", ctx.registry().file().toString());
        m.put("registry_error", ctx.registry().error());
        m.put("generation", ctx.registry().generation());
        m.put("uptime_s", (System.nanoTime() - started) / 1_000_000_000L);
        return m;
    }
}

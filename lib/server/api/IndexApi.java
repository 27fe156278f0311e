package lib.server.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/** GET /api/: every route with the scope it needs, so a client (or a curious user) can find its way. */
public final class IndexApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/", Scope.READ, r -> Response.ok(Map.of("routes", list(routes.all()))));
    }

    static List<Map<String, String>> list(List<Routes.Route> all) {
        return all.stream().map(r -> {
            Map<String, String> m = new LinkedHashMap<>();
            m.put("method", r.method());
            m.put("path", r.pattern());
            m.put("scope", r.scope().wire());
            return m;
        }).toList();
    }
}

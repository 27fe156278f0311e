package lib.server.api;

import java.util.Arrays;
import java.util.List;
import lib.deploy.DependencyGraph;
import lib.registry.Registry;
import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/dependencies: the service graph as nodes (with their deploy wave, for drawing it in columns) and edges,
 * the deploy order (`portoser dependencies order --json`), and what stops working when one service goes down.
 */
public final class DependenciesApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/dependencies/graph", Scope.READ, r -> Response.ok(DependencyGraph.graph(ctx.registry().get())));
        routes.get("/api/dependencies/order", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            List<String> names = Arrays.stream(r.query("services", "").split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
            names.forEach(n -> Known.serviceParam(reg, n, "services"));
            return Response.ok(DependencyGraph.order(reg, names).json());
        });
        routes.get("/api/dependencies/impact/{service}", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            return Response.ok(DependencyGraph.impactJson(reg, Known.service(reg, r.param("service")).name()));
        });
    }
}

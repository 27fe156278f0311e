package lib.server.api;

import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryCompare;
import lib.deploy.history.HistoryStore;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/history, the read side: deploy records newest first (`portoser history list --json`), one record
 * (`history show`), and what differs between two (`history compare`). Rollback is in the deployment API.
 */
public final class HistoryApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        HistoryStore store = new HistoryStore(ctx.home());
        routes.get("/api/history", Scope.READ, r -> {
            // Not checked against the registry: a service removed since still has its history.
            String service = r.query("service", "").strip();
            return Response.ok(store.list(service.isEmpty() ? null : service, Queries.limit(r, 20, 10_000)));
        });
        // Before /api/history/{id}, which would take "compare" for an id.
        routes.get("/api/history/compare", Scope.READ, r -> {
            DeploymentRecord a = record(store, Queries.required(r, "a"), "a"), b = record(store, Queries.required(r, "b"), "b");
            return Response.ok(HistoryCompare.of(a, b).json());
        });
        routes.get("/api/history/{id}", Scope.READ, r -> Response.ok(record(store, r.param("id"), null)));
    }

    /** A record by id or unique prefix; none is a 404 (naming the query parameter when it came from one). */
    private static DeploymentRecord record(HistoryStore store, String id, String param) {
        return store.find(id).orElseThrow(() -> {
            ApiError e = Known.notFound("deploy", id, store.ids());
            return param == null ? e : new ApiError(404, "not_found", e.getMessage(), param, null);
        });
    }
}

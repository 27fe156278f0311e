package lib.server.api;

import java.util.Map;
import lib.audit.AuditLog;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Routes;
import lib.server.Response;
import lib.server.Scope;
import lib.server.ServerContext;

/** GET /api/audit?limit=N (admin): the newest audit entries, newest first — what `portoser audit list --json` prints. */
public final class AuditApi implements ApiGroup {
    public static final int MAX_LIMIT = 10_000;

    @Override
    public void register(Routes routes, ServerContext ctx) {
        AuditLog log = ctx.shared(AuditLog.class, () -> new AuditLog(ctx.home()));
        routes.get("/api/audit", Scope.ADMIN, r -> Response.ok(Map.of("entries", log.recent(limit(r.query("limit", "100"))))));
    }

    static int limit(String v) {
        try {
            int n = Integer.parseInt(v.strip());
            if (n >= 1 && n <= MAX_LIMIT) return n;
        } catch (NumberFormatException ignored) {
            // Fall through to the one message below.
        }
        throw ApiError.badField("limit", "limit must be a whole number from 1 to " + MAX_LIMIT + ", got '" + v + "'");
    }
}

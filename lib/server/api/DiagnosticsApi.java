package lib.server.api;

import java.time.Duration;
import lib.diagnose.DiagnoseRun;
import lib.registry.Registry;
import lib.server.ApiGroup;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/diagnostics/{service}: observe the service on its host and name what is wrong — the document
 * `portoser diagnose SERVICE --json-output` prints. Changes nothing on any host (the observations are kept
 * under $PORTOSER_HOME, as the CLI keeps them).
 */
public final class DiagnosticsApi implements ApiGroup {
    /** As the CLI's --timeout default. */
    static final Duration TIMEOUT = Duration.ofSeconds(20);

    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/diagnostics/{service}", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            return Response.ok(DiagnoseRun.of(reg, Known.service(reg, r.param("service")), ctx.executor(), TIMEOUT, ctx.home()).json());
        });
    }
}

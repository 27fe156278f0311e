package lib.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.deploy.DeployOptions.Action;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Request;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;
import lib.server.jobs.DeployJobs;
import lib.server.jobs.Job;

/**
 * Deploys from the web, run in the background by {@link DeployJobs} (the same lib/ calls as the CLI commands):
 * <ul>
 * <li>POST /api/deployment/deploy|start|stop|restart {services:[…]} or {all:true}, optional yes, no_auto_heal
 *     (stop: force) → 202 {deploy_id, job, events}</li>
 * <li>POST /api/deployment/move {service, to}, POST /api/deployment/apply {dry_run?}, POST /api/history/{id}/rollback
 *     (each with optional yes, no_auto_heal) → 202 (an apply dry run: 200 {dry_run, diff})</li>
 * <li>GET /api/deployment/jobs → {jobs:[…]} newest first; GET /api/deployment/jobs/{id} → the job with its report</li>
 * </ul>
 * 409 when the deploy lock is held; 400 naming the field for bad input; nothing runs then.
 */
public final class DeploymentApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        DeployJobs jobs = DeployJobs.of(ctx);
        for (Action a : Action.values()) {
            routes.post("/api/deployment/" + a.name().toLowerCase(), Scope.DEPLOY, r -> lifecycle(jobs, a, r));
        }
        routes.post("/api/deployment/move", Scope.DEPLOY, r -> started(jobs.move(r.string("service"), r.string("to"), heal(r), r.who().name())));
        routes.post("/api/deployment/apply", Scope.DEPLOY, r -> r.bool("dry_run", false)
                ? Response.ok(Map.of("dry_run", true, "diff", jobs.applyPlan()))
                : started(jobs.apply(heal(r), r.who().name())));
        routes.post("/api/history/{id}/rollback", Scope.DEPLOY, r -> started(jobs.rollback(r.param("id"), heal(r), r.who().name())));
        routes.get("/api/deployment/jobs", Scope.READ, r -> Response.ok(Map.of("jobs", jobs.runner().recent().stream().map(j -> j.json(false)).toList())));
        routes.get("/api/deployment/jobs/{id}", Scope.READ, r -> Response.ok(jobs.runner().get(r.param("id"))
                .orElseThrow(() -> ApiError.notFound("no deploy job '" + r.param("id") + "' (jobs are kept in memory: see GET /api/history)")).json(true)));
    }

    private static Response lifecycle(DeployJobs jobs, Action action, Request r) {
        boolean all = r.bool("all", false);
        List<String> services = names(r.object().get("services"));
        if (all == !services.isEmpty()) throw ApiError.badField("services", "give services: [\"name\", …] or all: true (one of them)");
        boolean force = action == Action.STOP && r.bool("force", false);
        return started(jobs.lifecycle(action, services, all, r.bool("yes", false), r.bool("no_auto_heal", false), force, r.who().name()));
    }

    /** `yes` and `no_auto_heal` of a body (an empty body: neither). */
    private static lib.deploy.Healing.Settings heal(Request r) {
        if (r.body().length == 0) return DeployJobs.healing(false, false);
        return DeployJobs.healing(r.bool("no_auto_heal", false), r.bool("yes", false));
    }

    /** {@code services}: absent or an array of non-empty strings. */
    static List<String> names(JsonNode n) {
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw ApiError.badField("services", "field 'services' must be an array of service names");
        List<String> out = new ArrayList<>();
        for (JsonNode x : n) {
            if (!x.isTextual() || x.asText().isBlank()) throw ApiError.badField("services", "field 'services' must hold non-empty service names");
            if (!out.contains(x.asText())) out.add(x.asText());
        }
        return out;
    }

    /** 202: the deploy id (also its history record's), where to poll the job, where its events stream. */
    static Response started(Job job) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploy_id", job.id());
        m.put("kind", job.kind());
        m.put("services", job.services());
        m.put("job", "/api/deployment/jobs/" + job.id());
        m.put("events", "/api/events");
        m.put("history", "/api/history/" + job.id());
        return Response.accepted(m);
    }
}

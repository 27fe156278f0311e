package lib.server.api;

import java.util.Set;
import java.util.TreeSet;
import lib.knowledge.Insights;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.knowledge.KnowledgeReport;
import lib.knowledge.UnmatchedProblem;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Request;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/knowledge: what the self-healing loop has learned, as `portoser learn summary|stats|playbooks|playbook|
 * insights --json` print it, plus the unmatched problems waiting to be triaged. Read fresh on every request (the
 * loop writes under a lock; a record is seen whole or not at all).
 */
public final class KnowledgeApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/knowledge/summary", Scope.READ, r -> Response.ok(KnowledgeReport.summary(kb(ctx))));
        routes.get("/api/knowledge/stats", Scope.READ, r -> Response.ok(KnowledgeReport.stats(kb(ctx))));
        routes.get("/api/knowledge/playbooks", Scope.READ, r -> Response.ok(kb(ctx).playbooks()));
        routes.get("/api/knowledge/playbooks/{fingerprint}", Scope.READ, r -> playbook(kb(ctx), r.param("fingerprint")));
        routes.get("/api/knowledge/insights/{service}", Scope.READ, r -> insights(ctx, r.param("service")));
        routes.get("/api/knowledge/unmatched", Scope.READ,
                r -> Response.ok(UnmatchedProblem.find(ctx.home(), Queries.limit(r, 50, 1000))));
    }

    static KnowledgeBase kb(ServerContext ctx) {
        return KnowledgeBase.load(new KnowledgeDir(ctx.home().resolve("knowledge")));
    }

    private static Response playbook(KnowledgeBase kb, String fingerprint) {
        return kb.playbook(fingerprint).map(Response::ok).orElseThrow(() -> kb.knownFingerprints().contains(fingerprint)
                ? ApiError.notFound("no playbook for " + fingerprint + " yet: the loop has not fixed it so far")
                : Known.notFound("fingerprint", fingerprint, kb.knownFingerprints()));
    }

    /** A registry service with nothing recorded is good news (empty lists); a name nobody knows is a 404. */
    private static Response insights(ServerContext ctx, String service) {
        KnowledgeBase kb = kb(ctx);
        Insights in = Insights.of(kb, service);
        Set<String> registered = ctx.registry().get().services().keySet();
        if (in.isEmpty() && !registered.contains(service) && !kb.services().contains(service)) {
            Set<String> known = new TreeSet<>(kb.services());
            known.addAll(registered);
            throw Known.notFound("service", service, known);
        }
        return Response.ok(in);
    }
}

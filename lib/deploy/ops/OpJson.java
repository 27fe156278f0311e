package lib.deploy.ops;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lib.deploy.DeployText;

/**
 * The one JSON document an operation prints with --json: what it set out to do ({@code plan}, e.g. apply's
 * diff), how it ended, its history record, and each run in order with the same fields as `deploy --json-output`.
 */
public final class OpJson {
    private OpJson() {}

    /** @param ctx null when nothing had to run */
    public static Map<String, Object> of(String kind, Object plan, OpContext ctx, boolean ok, List<String> failures) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("diff", plan);
        m.put("result", ok ? "ok" : "failed");
        m.put("deploy_id", ctx == null ? null : ctx.history().id());
        m.put("failures", failures);
        m.put("runs", ctx == null ? List.of() : ctx.runs().stream().map(OpJson::run).toList());
        return m;
    }

    private static Map<String, Object> run(OpContext.Run r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("action", r.action().name().toLowerCase(Locale.ROOT));
        if (r.report() == null) m.put("result", "preflight_failed");
        else m.putAll(DeployText.json(r.report()));
        return m;
    }
}

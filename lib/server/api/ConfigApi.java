package lib.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lib.registry.RegistryJson;
import lib.registry.RegistryLoader;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Request;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/config: the validated registry as JSON (with the file's text, for an editor), and a check of a proposed
 * registry text exactly as `portoser registry validate` checks a file — every problem with line, column and
 * field. Validating changes nothing.
 */
public final class ConfigApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/config", Scope.READ, r -> Response.ok(config(ctx)));
        routes.post("/api/config/validate", Scope.READ, r -> Response.ok(RegistryJson.validation(
                RegistryLoader.check(ctx.registry().file(), proposed(r), System.getenv()))));
    }

    private static Map<String, Object> config(ServerContext ctx) {
        Map<String, Object> m = new LinkedHashMap<>(RegistryJson.registry(ctx.registry().get()));
        m.put("generation", ctx.registry().generation());
        m.put("registry_error", ctx.registry().error());
        m.put("yaml", RegistryLoader.read(ctx.registry().file()));
        return m;
    }

    /** The YAML text: the raw body (text/yaml, application/yaml, text/plain) or {"yaml": "..."} (application/json). */
    static String proposed(Request r) {
        String type = r.header("content-type") == null ? "" : r.header("content-type").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            JsonNode yaml = r.object().get("yaml");
            if (yaml == null || !yaml.isTextual()) throw ApiError.badField("yaml", "field 'yaml' must be the registry text, as a string");
            return yaml.asText();
        }
        if (type.isEmpty() || type.startsWith("text/yaml") || type.startsWith("application/yaml") || type.startsWith("application/x-yaml")
                || type.startsWith("text/x-yaml") || type.startsWith("text/plain")) {
            if (r.body().length == 0) throw ApiError.badRequest("empty body: send the proposed registry YAML");
            return r.text();
        }
        throw new ApiError(415, "unsupported_media_type", "send the registry as text/yaml, or as application/json {\"yaml\": \"...\"}; got " + type, null, null);
    }
}

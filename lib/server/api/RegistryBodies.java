package lib.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.registry.EditException;
import lib.registry.RegistryEdits;
import lib.registry.ServiceUpdate;
import lib.server.Request;
import lib.server.ApiError;

/**
 * Reads the JSON bodies of the registry routes into the typed values the registry edits take (text, whole
 * numbers, lists of names, the healthcheck mapping), the way picocli reads the CLI's options. Keys are the
 * registry's own; what they mean and whether they are allowed is left to the registry's validation.
 */
final class RegistryBodies {
    private RegistryBodies() {}

    /** The body's `name`, checked as the edits check it (it becomes a YAML key, a DNS name and a directory). */
    static String name(Request r, String kind) {
        String name = r.string("name");
        try {
            return RegistryEdits.checkedName(name, kind);
        } catch (EditException e) {
            throw ApiError.badField("name", e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
    }

    /** The body's fields except {@code name}, in the registry's documented order (unknown keys last, for validation to name). */
    static Map<String, Object> fields(JsonNode body, List<String> order) {
        Map<String, Object> given = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (!e.getKey().equals("name") && !e.getValue().isNull()) given.put(e.getKey(), value(e.getKey(), e.getValue()));
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String k : order) if (given.containsKey(k)) out.put(k, given.remove(k));
        out.putAll(given);
        return out;
    }

    /** PUT /api/services/{name}: each field becomes a `registry update` assignment; null removes the field. */
    static List<ServiceUpdate> updates(JsonNode body) {
        List<ServiceUpdate> out = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : body.properties()) {
            if (e.getKey().equals("healthcheck")) out.addAll(healthcheck(e.getValue()));
            else out.add(update(e.getKey(), e.getValue().isNull() ? null : value(e.getKey(), e.getValue())));
        }
        if (out.isEmpty()) throw ApiError.badRequest("nothing to update: give the fields to set, e.g. {\"port\": 9090}");
        return out;
    }

    /** `healthcheck: {tcp: 8080}` / `{cmd: "..."}` as the CLI's healthcheck.tcp / healthcheck.cmd; null removes it. */
    private static List<ServiceUpdate> healthcheck(JsonNode v) {
        if (v.isNull()) return List.of(update("healthcheck.tcp", null));
        if (!v.isObject() || v.size() != 1) throw ApiError.badField("healthcheck", "field 'healthcheck' must be {\"tcp\": PORT} or {\"cmd\": \"COMMAND\"} (or null to remove it)");
        Map.Entry<String, JsonNode> e = v.properties().iterator().next();
        return List.of(update("healthcheck." + e.getKey(), e.getValue().isNull() ? null : value("healthcheck." + e.getKey(), e.getValue())));
    }

    private static ServiceUpdate update(String key, Object value) {
        try {
            return ServiceUpdate.of(key, value);
        } catch (EditException e) {
            throw ApiError.badField(key, e.getMessage() + (e.hint() == null ? "" : " (" + e.hint() + ")"));
        }
    }

    /** Text, a whole number, a list of names, or a mapping of those; anything else names the field. */
    static Object value(String field, JsonNode v) {
        if (v.isTextual()) return v.asText();
        if (v.isIntegralNumber() && v.canConvertToInt()) return v.asInt();
        if (v.isArray()) {
            List<String> items = new ArrayList<>();
            for (JsonNode i : v) {
                if (!i.isTextual()) throw ApiError.badField(field, "field '" + field + "' must be a list of names (strings)");
                items.add(i.asText());
            }
            return items;
        }
        if (v.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            v.properties().forEach(e -> {
                if (e.getValue().isContainerNode()) throw ApiError.badField(field, "field '" + field + "' nests too deep");
                m.put(e.getKey(), value(field + "." + e.getKey(), e.getValue()));
            });
            return m;
        }
        throw ApiError.badField(field, "field '" + field + "' must be text, a whole number or a list of names, got " + v.getNodeType().name().toLowerCase());
    }
}

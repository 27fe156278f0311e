package lib.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import lib.util.Json;

/**
 * A parsed API request: path parameters from the route pattern ({name}), the query string, the body (already
 * size-limited) and who is calling. Helpers throw {@link ApiError} 400s that name the field.
 */
public record Request(String method, String path, Map<String, String> params, Map<String, String> query,
                      Map<String, String> headers, byte[] body, Principal who, String client) {
    public Request {
        params = Map.copyOf(params);
        query = Map.copyOf(query);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        body = body == null ? new byte[0] : body;
    }

    /** A path parameter, e.g. {name} in /api/services/{name}. */
    public String param(String name) {
        String v = params.get(name);
        if (v == null) throw new IllegalStateException("route has no {" + name + "}");
        return v;
    }

    public String query(String name, String fallback) { return query.getOrDefault(name, fallback); }

    public boolean flag(String name) {
        String v = query.get(name);
        return v != null && (v.isEmpty() || v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes"));
    }

    /** A header by lower-case name, or null. */
    public String header(String lowerName) { return headers.get(lowerName); }

    /** The body as JSON; an empty body is JSON null; malformed JSON is a 400 with the parser's position. */
    public JsonNode json() {
        if (body.length == 0) return NullNode.getInstance();
        try {
            return Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw ApiError.badRequest("request body is not valid JSON" + where + ": " + e.getOriginalMessage());
        } catch (java.io.IOException e) {
            throw ApiError.badRequest("request body could not be read: " + e.getMessage());
        }
    }

    /** A required string field of a JSON object body. */
    public String string(String field) {
        JsonNode v = object().get(field);
        if (v == null || v.isNull()) throw ApiError.badField(field, "missing field '" + field + "'");
        if (!v.isTextual() || v.asText().isBlank()) throw ApiError.badField(field, "field '" + field + "' must be a non-empty string");
        return v.asText();
    }

    /** An optional string field (null when absent). */
    public String optionalString(String field) {
        JsonNode v = object().get(field);
        if (v == null || v.isNull()) return null;
        if (!v.isTextual()) throw ApiError.badField(field, "field '" + field + "' must be a string");
        return v.asText();
    }

    /** An optional boolean field. */
    public boolean bool(String field, boolean fallback) {
        JsonNode v = object().get(field);
        if (v == null || v.isNull()) return fallback;
        if (!v.isBoolean()) throw ApiError.badField(field, "field '" + field + "' must be true or false");
        return v.asBoolean();
    }

    /** The body as a JSON object (400 when it is anything else). */
    public JsonNode object() {
        JsonNode n = json();
        if (!n.isObject()) throw ApiError.badRequest("request body must be a JSON object");
        return n;
    }

    public String text() { return new String(body, StandardCharsets.UTF_8); }
}

package lib.server;

import java.util.Map;

/** What a route returns: a status and a body Jackson turns into JSON (null body: no content). */
public record Response(int status, Object body, Map<String, String> headers) {
    public Response {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public static Response ok(Object body) { return new Response(200, body, null); }

    public static Response created(Object body) { return new Response(201, body, null); }

    /** 202: work started in the background (a deploy); the body names how to follow it. */
    public static Response accepted(Object body) { return new Response(202, body, null); }

    public Response withHeader(String name, String value) {
        java.util.Map<String, String> h = new java.util.LinkedHashMap<>(headers);
        h.put(name, value);
        return new Response(status, body, h);
    }
}

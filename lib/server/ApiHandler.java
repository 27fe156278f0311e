package lib.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.util.Json;

/**
 * Serves /api/*: match the route, read the (size-limited) body, let the {@link Gate} admit the caller, run the
 * handler, answer JSON. Errors are {@code {error, detail, field?}} with the right status, never a stack trace;
 * every mutation is reported to the {@link AuditSink} with its result.
 */
public final class ApiHandler implements HttpHandler {
    private final Routes routes;
    private final Gate gate;
    private final AuditSink audit;
    private final int maxBody;

    public ApiHandler(Routes routes, Gate gate, AuditSink audit, int maxBody) {
        this.routes = routes;
        this.gate = gate;
        this.audit = audit;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        String path = ex.getRequestURI().getRawPath();
        Routes.Match match = routes.match(method, path);
        Principal who = null;
        Response response;
        try {
            if (match == null) throw missing(method, path);
            byte[] body = readBody(ex);
            who = gate.admit(ex, match.route(), match.route().scope());
            Request req = new Request(method, path, match.params(), query(ex.getRequestURI().getRawQuery()), headers(ex), body, who,
                    ex.getRemoteAddress().getAddress().getHostAddress());
            response = match.route().handler().handle(req);
            if (response == null) response = new Response(204, null, null);
        } catch (Exception e) {
            response = error(e);
        }
        // Recorded before answering: a client that has its answer finds its line in the audit log.
        if (match != null && match.route().mutation())
            audit.record(who == null ? "unauthenticated" : who.name(), method + " " + path, response.status(), detail(response));
        send(ex, response, method.equals("HEAD"));
    }

    private ApiError missing(String method, String path) {
        java.util.Set<String> allowed = routes.methodsFor(path);
        if (allowed.isEmpty()) return ApiError.notFound("no API route " + path + " (see GET /api/ for the list)");
        return new ApiError(405, "method_not_allowed", method + " is not allowed on " + path + " (allowed: " + String.join(", ", allowed) + ")", null, null);
    }

    private byte[] readBody(HttpExchange ex) throws IOException {
        String declared = ex.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.strip()) > maxBody) throw tooLarge();
            } catch (NumberFormatException e) {
                throw ApiError.badRequest("bad Content-Length: " + declared);
            }
        }
        try (InputStream in = ex.getRequestBody()) {
            byte[] b = in.readNBytes(maxBody + 1);
            if (b.length > maxBody) throw tooLarge();
            return b;
        }
    }

    private ApiError tooLarge() { return ApiError.tooLarge("request body larger than " + maxBody + " bytes"); }

    /** The response for a failure: ApiError as is; known exceptions mapped; anything else a bare 500. */
    static Response error(Throwable e) {
        ApiError a;
        if (e instanceof ApiError x) a = x;
        else if (e instanceof PortoserException p) a = fromPortoser(p);
        else if (e instanceof IllegalArgumentException) a = ApiError.badRequest(e.getMessage());
        else {
            System.err.println("portoser web: internal error: " + e);
            e.printStackTrace(System.err);
            a = new ApiError(500, "internal", "internal error (" + e.getClass().getSimpleName() + "); the server log has the details", null, null);
        }
        return new Response(a.status(), a.body(), null);
    }

    private static ApiError fromPortoser(PortoserException p) {
        String detail = p.getMessage() + (p.hint() == null ? "" : " (" + p.hint() + ")");
        return switch (p.exitCode()) {
            case ExitCode.BAD_INPUT -> invalidOrBad(p.getMessage(), detail);
            case ExitCode.REFUSED -> new ApiError(409, "conflict", detail, null, null);
            case ExitCode.FAILED -> new ApiError(502, "failed", detail, null, null);
            default -> new ApiError(500, "internal", detail, null, null);
        };
    }

    /** Registry validation messages come one per line: keep them all. */
    private static ApiError invalidOrBad(String message, String detail) {
        java.util.List<String> lines = message.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        return lines.size() > 1 ? ApiError.invalid(lines) : ApiError.badRequest(detail);
    }

    static void send(HttpExchange ex, Response r, boolean head) throws IOException {
        r.headers().forEach((k, v) -> ex.getResponseHeaders().set(k, v));
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (r.body() == null || r.status() == 204) {
            ex.sendResponseHeaders(r.status(), -1);
            ex.close();
            return;
        }
        byte[] bytes = Json.MAPPER.writeValueAsBytes(r.body());
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.sendResponseHeaders(r.status(), head ? -1 : bytes.length);
        if (!head) try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        ex.close();
    }

    private static String detail(Response r) {
        if (r.status() < 400 || !(r.body() instanceof Map<?, ?> m)) return null;
        Object d = m.get("detail");
        return d == null ? null : d.toString();
    }

    static Map<String, String> query(String raw) {
        Map<String, String> out = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) return out;
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) continue;
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            out.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return out;
    }

    static Map<String, String> headers(HttpExchange ex) {
        Map<String, String> out = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> { if (!v.isEmpty()) out.put(k.toLowerCase(Locale.ROOT), v.get(0)); });
        return out;
    }
}

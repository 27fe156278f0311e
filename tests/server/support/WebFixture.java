package server.support;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import lib.server.Scope;
import lib.server.WebApp;
import lib.util.Json;

/**
 * A real `portoser web` for API tests: WebApp on 127.0.0.1 and a free port, its own $PORTOSER_HOME, a token per
 * scope made on first use, and a small HTTP client over loopback. Close it (try-with-resources or @AfterEach).
 */
public final class WebFixture implements AutoCloseable {
    /** One answer: status, body text, headers. {@link #json()} parses the body. */
    public record Reply(int status, String body, HttpHeaders headers) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (status " + status + "): " + body, e);
            }
        }

        public String header(String name) { return headers.firstValue(name).orElse(null); }

        @Override
        public String toString() { return status + " " + body; }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private final WebApp app;
    private final Path home;
    private final Map<Scope, String> tokens = new EnumMap<>(Scope.class);

    private WebFixture(WebApp app, Path home) {
        this.app = app;
        this.home = home;
    }

    /** A server on a fresh temp $PORTOSER_HOME, reads needing a token. */
    public static WebFixture start(Path registryFile) throws IOException {
        return start(registryFile, Files.createTempDirectory("portoser-web-home"), false);
    }

    public static WebFixture start(Path registryFile, Path home, boolean publicRead) throws IOException {
        return new WebFixture(WebApp.start(new WebApp.Options(registryFile, home, "127.0.0.1", 0, publicRead, null)), home);
    }

    /** For tests that need other options (a static root, say). */
    public static WebFixture start(WebApp.Options options) throws IOException {
        return new WebFixture(WebApp.start(options), options.home());
    }

    public WebApp app() { return app; }

    public URI url() { return app.url(); }

    public Path home() { return home; }

    /** A token of that scope, created once per fixture (named test-read, test-deploy, test-admin). */
    public synchronized String token(Scope s) {
        return tokens.computeIfAbsent(s, k -> app.tokens().create("test-" + k.wire(), k).token());
    }

    public Reply get(String path, Scope as) { return get(path, token(as)); }

    public Reply get(String path, String rawTokenOrNull) { return send("GET", path, rawTokenOrNull, null, null, Map.of()); }

    public Reply post(String path, Object jsonBody, Scope as) { return withBody("POST", path, jsonBody, token(as)); }

    public Reply put(String path, Object jsonBody, Scope as) { return withBody("PUT", path, jsonBody, token(as)); }

    public Reply delete(String path, Scope as) { return send("DELETE", path, token(as), null, null, Map.of()); }

    /** A JSON body: a String is sent as is, byte[] raw, anything else through the project's JSON mapper. */
    public Reply withBody(String method, String path, Object jsonBody, String token) {
        return send(method, path, token, "application/json", bytes(jsonBody), Map.of());
    }

    /** Any request. {@code token} null: no Authorization header. {@code path} may carry a query string. */
    public Reply send(String method, String path, String token, String contentType, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (contentType != null) b.header("Content-Type", contentType);
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(r.statusCode(), r.body(), r.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + method + " " + path, e);
        }
    }

    static byte[] bytes(Object body) {
        if (body == null) return null;
        if (body instanceof byte[] b) return b;
        if (body instanceof String s) return s.getBytes(StandardCharsets.UTF_8);
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() { app.close(); }
}

package server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import lib.server.Scope;
import lib.server.auth.RateLimiter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.RawHttp;
import server.support.Registries;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/** Per-client rate limits on changes and on login (429 + Retry-After), and the request body limit (413). */
class RateLimitTest {
    @TempDir
    Path tmp;
    WebFixture web;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("portoser.web.mutationBurst", "3");
        System.setProperty("portoser.web.mutationRate", "1");
        System.setProperty("portoser.web.loginBurst", "2");
        System.setProperty("portoser.web.loginRate", "0.01");
        System.setProperty("portoser.web.maxBody", "4096");
        web = WebFixture.start(Registries.minimal(tmp));
        web.token(Scope.READ); // made now: its file write must not eat into the 1/s refill below
    }

    @AfterEach
    void stop() {
        web.close();
        for (String p : new String[]{"mutationBurst", "mutationRate", "loginBurst", "loginRate", "maxBody"}) System.clearProperty("portoser.web." + p);
    }

    Reply change() { return web.send("POST", "/api/logout", web.token(Scope.READ), null, null, Map.of()); }

    @Test
    void changesBeyondTheBurstAreRefusedWithRetryAfterThenAllowedAgain() throws Exception {
        for (int i = 0; i < 3; i++) assertEquals(200, change().status(), "change " + i);
        Reply limited = change();
        assertEquals(429, limited.status(), limited.body());
        assertEquals("rate_limited", limited.json().get("error").asText());
        assertEquals("1", limited.header("Retry-After"));
        // Reads are not limited.
        for (int i = 0; i < 20; i++) assertEquals(200, web.get("/api/", Scope.READ).status());
        Thread.sleep(1100);
        assertEquals(200, change().status(), "a token refilled after Retry-After");
    }

    @Test
    void eachClientAddressHasItsOwnBucket() throws Exception {
        for (int i = 0; i < 3; i++) change();
        assertEquals(429, change().status());
        String req = "POST /api/logout HTTP/1.1\r\nHost: 127.0.0.1:" + web.app().port() + "\r\nAuthorization: Bearer " + web.token(Scope.READ)
                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
        String other = RawHttp.exchange("127.0.0.2", web.app().port(), req);
        assertEquals(200, RawHttp.status(other), other);
    }

    @Test
    void loginAttemptsAreLimitedSeparately() {
        byte[] wrong = ("{\"token\":\"pt_" + "B".repeat(43) + "\"}").getBytes();
        for (int i = 0; i < 2; i++) assertEquals(401, web.send("POST", "/api/login", null, "application/json", wrong, Map.of()).status());
        Reply limited = web.send("POST", "/api/login", null, "application/json", wrong, Map.of());
        assertEquals(429, limited.status(), limited.body());
        assertTrue(Long.parseLong(limited.header("Retry-After")) >= 1);
        // Even the right token waits: guessing must not be cheaper than waiting.
        byte[] right = ("{\"token\":\"" + web.token(Scope.READ) + "\"}").getBytes();
        assertEquals(429, web.send("POST", "/api/login", null, "application/json", right, Map.of()).status());
        // Other changes have their own bucket.
        assertEquals(200, change().status());
    }

    @Test
    void aBodyOverTheLimitIs413() throws Exception {
        byte[] big = ("{\"token\":\"" + "x".repeat(5000) + "\"}").getBytes();
        Reply declared = web.send("POST", "/api/login", null, "application/json", big, Map.of());
        assertEquals(413, declared.status(), declared.body());
        assertEquals("too_large", declared.json().get("error").asText());
        // Chunked, no Content-Length: cut off while reading.
        HttpResponse<String> chunked = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.app().port() + "/api/logout"))
                .header("Authorization", "Bearer " + web.token(Scope.READ))
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        // A declared size far over the limit is refused before the body is read.
        String raw = RawHttp.head(web.app().port(), "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\nConnection: close\r\n\r\n");
        assertEquals(413, RawHttp.status(raw), raw);
        // Just under the limit is fine (and then a 401 for the made-up token).
        byte[] fits = ("{\"token\":\"pt_" + "x".repeat(4000) + "\"}").getBytes();
        assertEquals(401, web.send("POST", "/api/login", null, "application/json", fits, Map.of()).status());
    }

    @Test
    void theBucketRefillsAtItsRate() {
        long[] now = {0};
        RateLimiter l = new RateLimiter(2, 0.5, () -> now[0]);
        assertEquals(0, l.take("a"));
        assertEquals(0, l.take("a"));
        assertEquals(2, l.take("a"), "one token takes 2 s at 0.5/s");
        assertEquals(0, l.take("b"), "another client is untouched");
        now[0] = 2_000_000_000L;
        assertEquals(0, l.take("a"));
        assertEquals(2, l.take("a"));
    }
}

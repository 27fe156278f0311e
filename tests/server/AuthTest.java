package server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import lib.server.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.Registries;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/** The security gate over real HTTP: bearer tokens, scopes, revocation, sessions, CSRF and Origin. */
class AuthTest {
    @TempDir
    Path tmp;
    WebFixture web;

    @BeforeEach
    void start() throws Exception { web = WebFixture.start(Registries.minimal(tmp)); }

    @AfterEach
    void stop() { web.close(); }

    @Test
    void readsNeedAToken() {
        Reply none = web.get("/api/", (String) null);
        assertEquals(401, none.status(), none.body());
        assertEquals("unauthorized", none.json().get("error").asText());
        assertEquals(401, web.get("/api/", "pt_not-a-real-token").status());
        assertEquals(401, web.send("GET", "/api/", null, null, null, Map.of("Authorization", "Basic dXNlcjpwYXNz")).status());
        Reply ok = web.get("/api/", Scope.READ);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.json().get("routes").size() > 0);
    }
}

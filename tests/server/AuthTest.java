package server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * The security gate over real HTTP: no token, wrong scope, revoked token, the browser session (login, cookie,
 * CSRF, Origin, logout), and public-read. /api/audit needs admin; /api/logout is a mutation any reader may make.
 */
class AuthTest {
    @TempDir
    Path tmp;
    WebFixture web;

    @BeforeEach
    void start() throws Exception { web = WebFixture.start(Registries.minimal(tmp)); }

    @AfterEach
    void stop() { web.close(); }

    String own() { return "http://127.0.0.1:" + web.app().port(); }

    @Test
    void readsNeedAToken() {
        Reply none = web.get("/api/", (String) null);
        assertEquals(401, none.status(), none.body());
        assertEquals("unauthorized", none.json().get("error").asText());
        assertTrue(none.json().get("detail").asText().contains("Authorization: Bearer"), none.body());
        assertEquals(401, web.get("/api/", "pt_not-a-real-token").status());
        assertEquals(401, web.send("GET", "/api/", null, null, null, Map.of("Authorization", "Basic dXNlcjpwYXNz")).status());
        Reply ok = web.get("/api/", Scope.READ);
        assertEquals(200, ok.status(), ok.body());
        assertTrue(ok.json().get("routes").size() > 0);
    }

    @Test
    void aTokenBelowTheRoutesScopeIsForbidden() {
        Reply read = web.get("/api/audit", Scope.READ);
        assertEquals(403, read.status(), read.body());
        assertEquals("forbidden", read.json().get("error").asText());
        assertTrue(read.json().get("detail").asText().contains("needs admin"), read.body());
        assertEquals(403, web.get("/api/audit", Scope.DEPLOY).status());
        assertEquals(200, web.get("/api/audit", Scope.ADMIN).status());
    }

    @Test
    void aRevokedTokenStopsWorkingAtOnce() {
        String t = web.token(Scope.ADMIN);
        assertEquals(200, web.get("/api/audit", t).status());
        web.app().tokens().revoke("test-admin");
        Reply after = web.get("/api/audit", t);
        assertEquals(401, after.status(), after.body());
        assertTrue(after.json().get("detail").asText().contains("revoked"), after.body());
    }

    @Test
    void aTokenRevokedByAnotherProcessIsSeenAtOnce() throws Exception {
        String t = web.token(Scope.READ);
        assertEquals(200, web.get("/api/", t).status());
        // A second store on the same home is what `portoser web token revoke` in another process uses.
        new lib.server.auth.TokenStore(web.home()).revoke("test-read");
        assertEquals(401, web.get("/api/", t).status());
    }

    @Test
    void loginGivesAnHttpOnlyStrictCookieAndTheCsrfToken() {
        Reply login = login(web.token(Scope.DEPLOY));
        assertEquals(200, login.status(), login.body());
        String setCookie = login.header("Set-Cookie");
        assertNotNull(setCookie, login.headers().map().toString());
        assertTrue(setCookie.startsWith("portoser_session="), setCookie);
        assertTrue(setCookie.contains("HttpOnly"), setCookie);
        assertTrue(setCookie.contains("SameSite=Strict"), setCookie);
        assertTrue(setCookie.contains("Path=/"), setCookie);
        assertEquals("test-deploy", login.json().get("name").asText());
        assertEquals("deploy", login.json().get("scope").asText());
        String csrf = login.json().get("csrf").asText();
        assertTrue(csrf.length() >= 32, csrf);
        assertFalse(login.body().contains(web.token(Scope.DEPLOY)), "the token must not come back");

        String cookie = cookie(login);
        Reply session = web.send("GET", "/api/session", null, null, null, Map.of("Cookie", cookie));
        assertEquals(200, session.status(), session.body());
        assertEquals("test-deploy", session.json().get("name").asText());
        assertEquals("session", session.json().get("via").asText());
        assertEquals(csrf, session.json().get("csrf").asText());
        // The session carries the token's scope: deploy is not admin.
        assertEquals(403, web.send("GET", "/api/audit", null, null, null, Map.of("Cookie", cookie)).status());
    }

    @Test
    void loginWithABadTokenIsRefused() {
        Reply bad = login("pt_" + "A".repeat(43));
        assertEquals(401, bad.status(), bad.body());
        assertNull(bad.header("Set-Cookie"));
        Reply missing = web.send("POST", "/api/login", null, "application/json", "{}".getBytes(), Map.of("Origin", own()));
        assertEquals(400, missing.status(), missing.body());
        assertEquals("token", missing.json().get("field").asText());
    }

    @Test
    void browserMutationsNeedTheCsrfTokenAndTheOwnOrigin() {
        Reply login = login(web.token(Scope.ADMIN));
        String cookie = cookie(login), csrf = login.json().get("csrf").asText();

        Reply noCsrf = logout(Map.of("Cookie", cookie, "Origin", own()));
        assertEquals(403, noCsrf.status(), noCsrf.body());
        assertTrue(noCsrf.json().get("detail").asText().contains("X-CSRF-Token"), noCsrf.body());
        assertEquals(403, logout(Map.of("Cookie", cookie, "Origin", own(), "X-CSRF-Token", csrf + "x")).status());
        Reply noOrigin = logout(Map.of("Cookie", cookie, "X-CSRF-Token", csrf));
        assertEquals(403, noOrigin.status(), noOrigin.body());
        Reply evil = logout(Map.of("Cookie", cookie, "Origin", "http://evil.example", "X-CSRF-Token", csrf));
        assertEquals(403, evil.status(), evil.body());
        assertTrue(evil.json().get("detail").asText().contains("evil.example"), evil.body());
        // Still logged in: none of the refused requests did anything.
        assertEquals(200, web.send("GET", "/api/session", null, null, null, Map.of("Cookie", cookie)).status());

        Reply out = logout(Map.of("Cookie", cookie, "Origin", own(), "X-CSRF-Token", csrf));
        assertEquals(200, out.status(), out.body());
        assertTrue(out.json().get("logged_out").asBoolean());
        assertTrue(out.header("Set-Cookie").contains("Max-Age=0"), out.header("Set-Cookie"));
        Reply gone = web.send("GET", "/api/session", null, null, null, Map.of("Cookie", cookie));
        assertEquals(401, gone.status(), gone.body());
    }

    @Test
    void aForeignOriginIsRefusedEvenWithABearerToken() {
        Reply evil = web.send("POST", "/api/logout", web.token(Scope.ADMIN), null, null, Map.of("Origin", "http://evil.example"));
        assertEquals(403, evil.status(), evil.body());
        Reply otherPort = web.send("POST", "/api/logout", web.token(Scope.ADMIN), null, null, Map.of("Origin", "http://127.0.0.1:1"));
        assertEquals(403, otherPort.status(), otherPort.body());
        Reply login = web.send("POST", "/api/login", null, "application/json",
                ("{\"token\":\"" + web.token(Scope.READ) + "\"}").getBytes(), Map.of("Origin", "http://evil.example"));
        assertEquals(403, login.status(), login.body());
        assertNull(login.header("Set-Cookie"));
        // Scripts and curl send no Origin: a bearer token alone is enough.
        assertEquals(200, web.send("POST", "/api/logout", web.token(Scope.ADMIN), null, null, Map.of()).status());
    }

    @Test
    void revokingTheTokenEndsItsSessionsAtOnce() {
        Reply login = login(web.token(Scope.ADMIN));
        String cookie = cookie(login);
        assertEquals(200, web.send("GET", "/api/audit", null, null, null, Map.of("Cookie", cookie)).status());
        web.app().tokens().revoke("test-admin");
        Reply after = web.send("GET", "/api/audit", null, null, null, Map.of("Cookie", cookie));
        assertEquals(401, after.status(), after.body());
        assertEquals(401, web.send("GET", "/api/session", null, null, null, Map.of("Cookie", cookie)).status());
    }

    @Test
    void aMadeUpSessionCookieIsUnauthorized() {
        Reply r = web.send("GET", "/api/", null, null, null, Map.of("Cookie", "portoser_session=forged"));
        assertEquals(401, r.status(), r.body());
    }

    @Test
    void publicReadLetsAnyoneReadButNotChange() throws Exception {
        try (WebFixture open = WebFixture.start(Registries.minimal(tmp.resolve("open")), tmp.resolve("open-home"), true)) {
            assertEquals(200, open.get("/api/", (String) null).status());
            JsonNode who = open.get("/api/session", (String) null).json();
            assertFalse(who.get("authenticated").asBoolean(), who.toString());
            assertEquals("read", who.get("scope").asText());
            assertEquals(401, open.get("/api/audit", (String) null).status());
            Reply change = open.send("POST", "/api/logout", null, null, null, Map.of());
            assertEquals(401, change.status(), change.body());
            // A bad token is still a bad token, public or not.
            assertEquals(401, open.get("/api/", "pt_wrong").status());
            assertEquals(200, open.get("/api/audit", Scope.ADMIN).status());
        }
    }

    @Test
    void aLoopbackServerAnswersOnlyHostsNamingThisMachine() throws Exception {
        int port = web.app().port();
        String token = web.token(Scope.READ);
        for (String host : new String[]{"evil.example:" + port, "127.0.0.1.evil.example", "10.0.0.1:" + port, "[::2]:" + port}) {
            String r = server.support.RawHttp.exchange(port, "GET /api/ HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            assertEquals(403, server.support.RawHttp.status(r), host + " → " + r);
            assertTrue(r.contains("is not this machine"), r);
        }
        for (String host : new String[]{"127.0.0.1:" + port, "localhost:" + port, "[::1]:" + port, "127.0.0.5"}) {
            String r = server.support.RawHttp.exchange(port, "GET /api/ HTTP/1.1\r\nHost: " + host + "\r\nAuthorization: Bearer " + token + "\r\nConnection: close\r\n\r\n");
            assertEquals(200, server.support.RawHttp.status(r), host + " → " + r);
        }
        String noHost = server.support.RawHttp.exchange(port, "GET /api/ HTTP/1.0\r\nAuthorization: Bearer " + token + "\r\n\r\n");
        assertEquals(403, server.support.RawHttp.status(noHost), noHost);
    }

    Reply login(String token) {
        return web.send("POST", "/api/login", null, "application/json", ("{\"token\":\"" + token + "\"}").getBytes(), Map.of("Origin", own()));
    }

    Reply logout(Map<String, String> headers) { return web.send("POST", "/api/logout", null, null, null, headers); }

    static String cookie(Reply login) {
        String v = login.header("Set-Cookie");
        return v.substring(0, v.indexOf(';'));
    }
}

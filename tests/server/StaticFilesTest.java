package server;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.server.StaticFiles;
import lib.server.WebApp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.RawHttp;
import server.support.Registries;
import server.support.WebFixture;

/**
 * The UI's files at "/", and nothing else: traversal attempts over a raw socket (java.net.http would normalise
 * them away) — plain, percent-encoded, double-encoded, mixed, backslashes, NUL, and symlinks inside the root
 * pointing out — all end in a 404 (or the HTTP parser's own 400) and never in the secret beside the root.
 */
class StaticFilesTest {
    static final String SECRET = "TOP-SECRET-42";

    @TempDir
    Path tmp;
    Path root;
    WebFixture web;

    @BeforeEach
    void start() throws Exception {
        root = Files.createDirectories(tmp.resolve("site/web-static"));
        Files.writeString(root.resolve("index.html"), "<!doctype html><title>portoser</title>");
        Files.writeString(root.resolve("app.js"), "export const x = 1;");
        Files.writeString(root.resolve("mod.mjs"), "export {};");
        Files.writeString(root.resolve("style.css"), "body{}");
        Files.writeString(root.resolve("icon.svg"), "<svg xmlns='http://www.w3.org/2000/svg'/>");
        Files.writeString(root.resolve("data.json"), "{}");
        Files.write(root.resolve("logo.png"), new byte[]{(byte) 0x89, 'P', 'N', 'G'});
        Files.createDirectories(root.resolve("pages"));
        Files.writeString(root.resolve("pages/index.html"), "pages index");
        Files.writeString(tmp.resolve("site/secret.txt"), SECRET);
        Files.createDirectories(tmp.resolve("outside"));
        Files.writeString(tmp.resolve("outside/secret.txt"), SECRET);
        Files.createSymbolicLink(root.resolve("leak.txt"), tmp.resolve("site/secret.txt"));
        Files.createSymbolicLink(root.resolve("out"), tmp.resolve("outside"));
        Path registry = Registries.minimal(tmp.resolve("site"));
        web = WebFixture.start(new WebApp.Options(registry, tmp.resolve("home"), "127.0.0.1", 0, false, root));
    }

    @AfterEach
    void stop() { web.close(); }

    String get(String rawPath) throws Exception { return RawHttp.get(web.app().port(), rawPath); }

    @Test
    void servesTheFilesWithTheirTypesAndTheSecurityHeaders() throws Exception {
        String index = get("/");
        assertEquals(200, RawHttp.status(index), index);
        assertTrue(index.contains("<title>portoser</title>"), index);
        assertTrue(index.contains("Content-type: text/html; charset=utf-8"), index);
        assertTrue(index.contains("Content-security-policy: default-src 'self'"), index);
        assertTrue(index.contains("X-content-type-options: nosniff"), index);
        assertTrue(get("/app.js").contains("Content-type: text/javascript"));
        assertTrue(get("/mod.mjs").contains("Content-type: text/javascript"));
        assertTrue(get("/style.css").contains("Content-type: text/css"));
        assertTrue(get("/icon.svg").contains("Content-type: image/svg+xml"));
        assertTrue(get("/data.json").contains("Content-type: application/json"));
        assertTrue(get("/logo.png").contains("Content-type: image/png"));
        assertTrue(get("/pages/").contains("pages index"));
        assertTrue(get("/index.html?v=2").contains("<title>portoser</title>"));
        String missing = get("/nope.js");
        assertEquals(404, RawHttp.status(missing));
        assertTrue(missing.contains("Content-security-policy: default-src 'self'"), missing);
    }

    @Test
    void traversalIsImpossible() throws Exception {
        List<String> attempts = List.of("/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/.%2e/secret.txt",
                "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..%2fsecret.txt", "/..%2Fsecret.txt", "/%2e%2e%2fsecret.txt",
                "/pages/../../secret.txt", "/pages/%2e%2e/%2e%2e/secret.txt", "/..%5csecret.txt", "/%5c..%5csecret.txt",
                "/..\\secret.txt", "/leak.txt", "/out/secret.txt", "/index.html%00.js", "/%00", "//etc/passwd", "/%2fetc/passwd",
                "/./index.html", "/%c0%ae%c0%ae/secret.txt", "/..;/secret.txt", "/" + tmp.resolve("site/secret.txt"));
        for (String a : attempts) {
            String r = get(a);
            int status = RawHttp.status(r);
            assertTrue(status == 404 || status == 400, a + " → " + r);
            assertFalse(r.contains(SECRET), a + " leaked the secret: " + r);
            assertFalse(r.contains("root:"), a + " leaked /etc/passwd: " + r);
        }
    }

    @Test
    void onlyGetAndHead() throws Exception {
        String post = RawHttp.exchange(web.app().port(), "POST /index.html HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(405, RawHttp.status(post), post);
        String head = RawHttp.exchange(web.app().port(), "HEAD /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assertEquals(200, RawHttp.status(head), head);
        assertEquals("", RawHttp.body(head));
    }

    @Test
    void resolveKeepsToTheRoot() throws Exception {
        Path real = root.toRealPath();
        assertEquals(real.resolve("index.html"), StaticFiles.resolve(real, "/"));
        assertEquals(real.resolve("app.js"), StaticFiles.resolve(real, "/app.js"));
        assertNull(StaticFiles.resolve(real, "/../secret.txt"));
        assertNull(StaticFiles.resolve(real, "/%2e%2e/secret.txt"));
        assertNull(StaticFiles.resolve(real, "/leak.txt"));
        assertNull(StaticFiles.resolve(real, "/out/secret.txt"));
        assertNull(StaticFiles.resolve(real, "/%zz"));
        assertNull(StaticFiles.resolve(real, "relative"));
    }

    @Test
    void withoutUiFilesThePageSaysWhereTheyShouldBe() throws Exception {
        try (WebFixture bare = WebFixture.start(new WebApp.Options(Registries.minimal(tmp.resolve("bare")), tmp.resolve("home2"), "127.0.0.1", 0, false,
                tmp.resolve("no-such-dir")))) {
            String r = RawHttp.get(bare.app().port(), "/");
            assertEquals(404, RawHttp.status(r));
            assertTrue(r.contains("--static DIR"), r);
        }
    }
}

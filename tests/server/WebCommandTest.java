package server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Web;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.server.Scope;
import lib.server.auth.TokenStore;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.Registries;
import server.support.WebFixture;
import support.CliRun;

/**
 * `portoser web` and `web token …` as a user runs them: tokens hashed on disk (0600), never the secret; a
 * non-loopback bind without tokens (or with --public-read) refused with exit 2; the real command in its own JVM
 * printing its URL and a working login token that never touches the disk, and stopping on SIGTERM after letting
 * an in-flight request finish.
 */
class WebCommandTest {
    @TempDir
    Path tmp;
    Path home;
    Path registry;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        registry = Registries.minimal(tmp);
        System.setProperty("portoser.home", home.toString());
    }

    @AfterEach
    void restore() { System.clearProperty("portoser.home"); }

    @Test
    void tokensAreStoredHashedAndPrivate() throws Exception {
        CliRun.Outcome created = CliRun.run(new Web(), "token", "create", "--scope", "deploy", "--name", "ci");
        assertEquals(0, created.code(), created.toString());
        Matcher m = Pattern.compile("pt_[A-Za-z0-9_-]{43}").matcher(created.out());
        assertTrue(m.find(), created.out());
        String secret = m.group();
        Path file = home.resolve("web/tokens.json");
        String onDisk = Files.readString(file);
        assertFalse(onDisk.contains(secret), "the secret itself is never stored");
        assertFalse(onDisk.contains(secret.substring(3, 20)), "nor any part of it");
        assertTrue(onDisk.contains(TokenStore.sha256(secret)), onDisk);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));

        // The stored hash admits the secret over HTTP.
        try (WebFixture web = WebFixture.start(registry, home, false)) {
            assertEquals(200, web.get("/api/", secret).status());
        }

        CliRun.Outcome list = CliRun.run(new Web(), "token", "list");
        assertTrue(list.out().contains("ci") && list.out().contains("deploy"), list.out());
        assertFalse(list.out().contains(secret), list.out());
        JsonNode json = Json.MAPPER.readTree(CliRun.run(new Web(), "token", "list", "--json-output").out());
        assertEquals("ci", json.get("tokens").get(0).get("name").asText());
        assertTrue(json.get("tokens").get(0).get("revoked").isNull());
        assertFalse(json.toString().contains(secret));

        CliRun.Outcome dup = CliRun.run(new Web(), "token", "create", "--scope", "read", "--name", "ci");
        assertEquals(2, dup.code(), dup.toString());
        assertTrue(dup.err().contains("'ci' already exists"), dup.err());
        CliRun.Outcome badScope = CliRun.run(new Web(), "token", "create", "--scope", "root");
        assertEquals(2, badScope.code(), badScope.toString());
        assertTrue(badScope.err().contains("--scope"), badScope.err());
        assertEquals(2, CliRun.run(new Web(), "token", "create", "--scope", "read", "--name", "bad name").code());

        CliRun.Outcome revoked = CliRun.run(new Web(), "token", "revoke", "ci");
        assertEquals(0, revoked.code(), revoked.toString());
        assertEquals(2, CliRun.run(new Web(), "token", "revoke", "ci").code(), "already revoked");
        assertFalse(Json.MAPPER.readTree(CliRun.run(new Web(), "token", "list", "--json").out()).get("tokens").get(0).get("revoked").isNull());
        assertNull(new TokenStore(home).verify(secret));
        // The name is free again once its token is revoked; revoking by id works too.
        CliRun.Outcome again = CliRun.run(new Web(), "token", "create", "--scope", "read", "--name", "ci", "--json");
        String id = Json.MAPPER.readTree(again.out()).get("id").asText();
        assertEquals(0, CliRun.run(new Web(), "token", "revoke", id).code());
        // Both changes are audited; the secret is not in the audit log either.
        String audit = Files.readString(home.resolve("audit.jsonl"));
        assertTrue(audit.contains("web token create --scope deploy --name ci"), audit);
        assertTrue(audit.contains("web token revoke ci"), audit);
        assertFalse(audit.contains(secret));
    }

    @Test
    void refusesToExposeTheServerWithoutTokens() {
        CliRun.Outcome open = CliRun.run(new Web(), "--bind", "0.0.0.0", "--port", "0", "--registry", registry.toString());
        assertEquals(2, open.code(), open.toString());
        assertTrue(open.err().contains("refusing to listen on 0.0.0.0"), open.err());
        assertTrue(open.err().contains("portoser web token create"), open.err());

        assertEquals(0, CliRun.run(new Web(), "token", "create", "--scope", "admin", "--name", "me").code());
        CliRun.Outcome publicRead = CliRun.run(new Web(), "--bind", "0.0.0.0", "--port", "0", "--public-read", "--registry", registry.toString());
        assertEquals(2, publicRead.code(), publicRead.toString());
        assertTrue(publicRead.err().contains("--public-read"), publicRead.err());
        assertEquals(2, CliRun.run(new Web(), "--bind", "no-such-host.invalid", "--registry", registry.toString()).code());
        // Loopback in any spelling is this machine only.
        for (String lo : new String[]{"127.0.0.1", "127.0.0.2", "localhost", "::1"}) assertDoesNotThrow(() -> Web.refuseExposure(lo, true, false), lo);
    }

    @Test
    void theCommandServesPrintsALoginTokenAndStopsGracefullyOnSigterm() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "portoser",
                "web", "--port", "0", "--registry", registry.toString());
        pb.environment().put("PORTOSER_HOME", home.toString());
        pb.redirectError(tmp.resolve("stderr.txt").toFile());
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null, token = null;
            for (String line; (line = out.readLine()) != null && token == null; ) {
                Matcher u = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
                if (u.find()) url = u.group(1);
                Matcher t = Pattern.compile("login token .*: (pt_\\S+)").matcher(line);
                if (t.find()) token = t.group(1);
            }
            assertNotNull(url, "no URL printed; stderr: " + Files.readString(tmp.resolve("stderr.txt")));
            assertNotNull(token, "no login token printed");
            int port = Integer.parseInt(url.replaceAll(".*:(\\d+)/", "$1"));

            JsonNode who = get(port, "/api/session", token);
            assertEquals("admin", who.get("scope").asText(), who.toString());
            assertTrue(who.get("name").asText().startsWith("web-login"), who.toString());
            assertFalse(Files.exists(home.resolve("web/tokens.json")) && Files.readString(home.resolve("web/tokens.json")).contains(TokenStore.sha256(token)),
                    "the login token is never written to disk");

            // A request in flight when SIGTERM arrives: headers sent, body not yet.
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port));
                s.setSoTimeout(15_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /api/logout HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAuthorization: Bearer " + token
                        + "\r\nContent-Length: 2\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
                Thread.sleep(300);
                p.destroy(); // SIGTERM
                Thread.sleep(500);
                assertTrue(p.isAlive(), "waits for the request in flight");
                o.write("{}".getBytes(StandardCharsets.ISO_8859_1));
                o.flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            }
            assertTrue(p.waitFor(20, TimeUnit.SECONDS), "stopped after SIGTERM");
            assertEquals(143, p.exitValue());
            String err = Files.readString(tmp.resolve("stderr.txt"));
            assertTrue(err.contains("portoser web: stopping") && err.contains("portoser web: stopped"), err);
            assertThrows(ConnectException.class, () -> new Socket("127.0.0.1", port).close());
        } finally {
            p.destroyForcibly();
        }
    }

    static JsonNode get(int port, String path, String token) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + path))
                .header("Authorization", "Bearer " + token).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return Json.MAPPER.readTree(r.body());
    }
}

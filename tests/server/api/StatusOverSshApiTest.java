package server.api;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.server.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/**
 * /api/status over real SSH to a namespace host: its sshd plays the service (a real process holding port 22 there),
 * and the server's one pooled connection serves request after request — one login, not one per request.
 */
class StatusOverSshApiTest {
    static TestHosts hosts;
    static WebFixture web;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(1);
        // Beside the harness registry, so its known_hosts is used.
        Path registry = hosts.dir().resolve("web-status-test.yml");
        Files.writeString(registry, Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "")
                + "services:\n  sshd1: {current_host: h1, deployment_type: local, service_file: s.yml, port: 22, healthcheck: {tcp: 22}}\n");
        web = WebFixture.start(registry);
    }

    /** sshd gets a new PID when a test restarts it. */
    @BeforeEach
    void pidFilePointsAtSshd() throws Exception {
        Path run = Files.createDirectories(hosts.srv(1).resolve(".portoser/run"));
        Files.writeString(run.resolve("sshd1.pid"), Files.readString(hosts.dir().resolve("h1/sshd.pid")));
    }

    /** The pid file names sshd: left behind, another test's clean-up (kill every pid file's group) would kill sshd. */
    @org.junit.jupiter.api.AfterEach
    void removeThePidFile() throws Exception {
        Files.deleteIfExists(hosts.srv(1).resolve(".portoser/run/sshd1.pid"));
    }

    @AfterAll
    static void stop() {
        if (web != null) web.close();
    }

    @Test
    void requestsShareOnePooledConnection() {
        long before = hosts.acceptedLogins(1);
        for (int i = 0; i < 3; i++) {
            Reply r = web.get("/api/status", Scope.READ);
            assertEquals(200, r.status(), r.body());
            JsonNode h = r.json().get("hosts").get(0);
            assertEquals("h1", h.get("name").asText());
            assertTrue(h.get("reachable").asBoolean(), r.body());
            assertFalse(h.get("local").asBoolean(), "reached over SSH");
            JsonNode s = r.json().get("services").get(0);
            assertEquals("healthy", s.get("state").asText(), r.body());
            assertTrue(s.get("detail").asText().contains("sshd"), "the PID is sshd's: " + s);
        }
        long logins = hosts.acceptedLogins(1) - before;
        assertTrue(logins <= 1, logins + " SSH logins for three requests: at most one (none when a connection was already pooled)");
    }

    @Test
    void aStoppedSshdIsAnUnreachableHostNotAnError() {
        hosts.stopSshd(1);
        try {
            // The pooled connection dies with sshd; the first request after may still be answered on the way down.
            Reply r = null;
            for (int i = 0; i < 10; i++) {
                r = web.get("/api/status", Scope.READ);
                if (!r.json().get("hosts").get(0).get("reachable").asBoolean()) break;
            }
            assertEquals(200, r.status(), r.body());
            assertFalse(r.json().get("hosts").get(0).get("reachable").asBoolean(), r.body());
            assertEquals("unknown", r.json().get("services").get(0).get("state").asText(), r.body());
        } finally {
            hosts.startSshd(1);
        }
        Reply back = null;
        for (int i = 0; i < 20; i++) {
            back = web.get("/api/status", Scope.READ);
            if (back.json().get("hosts").get(0).get("reachable").asBoolean()) break;
        }
        assertTrue(back.json().get("hosts").get(0).get("reachable").asBoolean(), "reconnects once sshd is back: " + back.body());
    }
}

package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;
import support.CliRun;

/**
 * /api/status against real local services deployed by the real `portoser deploy`: the same document as
 * `portoser status --json`, live (a killed service shows as stopped on the next request).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StatusApiTest {
    @TempDir
    static Path tmp;
    static ApiCluster cluster;
    static WebFixture web;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = new ApiCluster(tmp);
        CliRun.Outcome d = cluster.deploy("db", "web");
        assertEquals(0, d.code(), d::toString);
        web = cluster.web();
    }

    @AfterAll
    static void stop() throws Exception { cluster.close(); }

    static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode n : array) m.put(n.get("name").asText(), n);
        return m;
    }

    @Test
    @Order(1)
    void reportsWhatRunsAsTheCliDoes() throws Exception {
        Reply r = web.get("/api/status", Scope.READ);
        assertEquals(200, r.status(), r.body());
        Map<String, JsonNode> s = byName(r.json().get("services"));
        assertEquals("healthy", s.get("web").get("state").asText(), r.body());
        assertEquals("url", s.get("web").get("health").get("kind").asText());
        assertEquals("HTTP 200", s.get("web").get("health").get("detail").asText());
        assertEquals("healthy", s.get("db").get("state").asText());
        assertEquals("tcp", s.get("db").get("health").get("kind").asText());
        assertTrue(s.get("db").get("port_listening").asBoolean());
        assertEquals("stopped", s.get("worker").get("state").asText());
        assertEquals("not started (no PID file)", s.get("worker").get("detail").asText());
        Map<String, JsonNode> h = byName(r.json().get("hosts"));
        assertTrue(h.get("here").get("reachable").asBoolean() && h.get("here").get("local").asBoolean(), r.body());

        JsonNode cli = Json.MAPPER.readTree(cluster.cli(new Status(), "--json").out());
        assertEquals(cli.get("registry"), r.json().get("registry"));
        assertEquals(cli.get("services"), r.json().get("services"), "the same services document as `portoser status --json`");
        assertEquals(cli.get("hosts").findValuesAsText("name"), r.json().get("hosts").findValuesAsText("name"));
    }

    @Test
    @Order(2)
    void oneServiceProbesOnlyItsHost() {
        Reply r = web.get("/api/status/db", Scope.READ);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().get("services").size());
        assertEquals("db", r.json().get("services").get(0).get("name").asText());
        assertEquals("here", r.json().get("hosts").get(0).get("name").asText());
        assertEquals(1, r.json().get("hosts").size());
    }

    @Test
    @Order(3)
    void unknownServiceIs404AndNoTokenIs401() {
        Reply r = web.get("/api/status/dbb", Scope.READ);
        assertEquals(404, r.status(), r.body());
        assertEquals("no service 'dbb' (did you mean `db`?)", r.json().get("detail").asText());
        assertEquals(401, web.get("/api/status", (String) null).status());
        assertEquals(405, web.delete("/api/status", Scope.ADMIN).status());
    }

    @Test
    @Order(4)
    void aKilledServiceIsStoppedOnTheNextRequest() throws Exception {
        String pid = Files.readString(cluster.dir.resolve("srv/.portoser/run/web.pid")).trim().split("\\s+")[0];
        new ProcessBuilder("kill", "-9", "--", "-" + pid, pid).start().waitFor();
        for (int i = 0; i < 50 && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false); i++) Thread.sleep(100);
        JsonNode webStatus = web.get("/api/status/web", Scope.READ).json().get("services").get(0);
        assertEquals("stopped", webStatus.get("state").asText(), webStatus.toString());
        assertTrue(webStatus.get("detail").asText().startsWith("stale PID file: process " + pid), webStatus.toString());
    }
}

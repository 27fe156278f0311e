package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Diagnose;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;
import support.CliRun;

/**
 * /api/diagnostics/{service} against real local services: a healthy one, and a real fault (worker's port held by a
 * foreign httpd) named as the CLI names it — and nothing on the machine changed by looking.
 */
class DiagnosticsApiTest {
    @TempDir
    static Path tmp;
    static ApiCluster cluster;
    static WebFixture web;
    static Process squatter;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = new ApiCluster(tmp);
        CliRun.Outcome d = cluster.deploy("db", "web");
        assertEquals(0, d.code(), d::toString);
        web = cluster.web();
        int port = ApiCluster.freePort();
        squatter = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + port).start();
        for (int i = 0; i < 50 && !listening(port); i++) Thread.sleep(100);
        assertTrue(listening(port), "the foreign httpd listens");
        Reply put = web.put("/api/services/worker", Map.of("port", port), Scope.ADMIN);
        assertEquals(200, put.status(), put.body());
    }

    static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    @AfterAll
    static void stop() throws Exception {
        if (squatter != null) squatter.destroyForcibly().waitFor();
        cluster.close();
    }

    @Test
    void aHealthyServiceHasObservationsAndNoProblem() throws Exception {
        String pid = Files.readString(cluster.dir.resolve("srv/.portoser/run/web.pid"));
        Reply r = web.get("/api/diagnostics/web", Scope.READ);
        assertEquals(200, r.status(), r.body());
        JsonNode d = r.json();
        assertTrue(d.get("id").asText().startsWith("diagnose-"), r.body());
        assertEquals("web", d.get("service").asText());
        assertEquals("here", d.get("host").asText());
        assertEquals(0, d.get("problems").size(), r.body());
        assertEquals(100, d.get("health_score").asInt());
        assertTrue(d.get("observations").findValuesAsText("kind").containsAll(java.util.List.of("ssh", "port", "process")), r.body());
        assertTrue(Files.exists(cluster.home.resolve("observations/" + d.get("id").asText() + ".jsonl")), "observations kept, as the CLI keeps them");
        assertEquals(pid, Files.readString(cluster.dir.resolve("srv/.portoser/run/web.pid")), "the service was left alone");
        assertEquals("healthy", web.get("/api/status/web", Scope.READ).json().get("services").get(0).get("state").asText());
    }

    @Test
    void aRealPortConflictIsNamedAsTheCliNamesIt() throws Exception {
        Reply r = web.get("/api/diagnostics/worker", Scope.READ);
        assertEquals(200, r.status(), r.body());
        JsonNode problem = r.json().get("problems").get(0);
        assertEquals("port_conflict", problem.get("fingerprint").asText(), r.body());
        assertTrue(problem.get("evidence").get(0).get("excerpt").asText().contains("busybox httpd"), problem.toString());
        assertTrue(r.json().get("health_score").asInt() < 100);
        CliRun.Outcome cli = cluster.cli(new Diagnose(), "worker", "--json-output");
        assertEquals(1, cli.code(), cli::toString);
        JsonNode c = Json.MAPPER.readTree(cli.out());
        assertEquals(c.get("problems").findValuesAsText("fingerprint"), r.json().get("problems").findValuesAsText("fingerprint"));
        assertEquals(c.get("health_score"), r.json().get("health_score"));
        assertEquals(c.get("observations").findValuesAsText("kind"), r.json().get("observations").findValuesAsText("kind"));
        assertTrue(squatter.isAlive(), "diagnosing did not touch the port's holder");
    }

    @Test
    void unknownServiceIs404() {
        Reply r = web.get("/api/diagnostics/wrker", Scope.READ);
        assertEquals(404, r.status(), r.body());
        assertEquals("no service 'wrker' (did you mean `worker`?)", r.json().get("detail").asText());
        assertEquals(401, web.get("/api/diagnostics/web", (String) null).status());
    }
}

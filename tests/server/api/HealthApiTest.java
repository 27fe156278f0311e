package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import lib.cli.Version;
import lib.server.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;
import support.CliRun;

/** /api/health (the server itself, including a registry broken by hand) and /api/health/services (real checks). */
class HealthApiTest {
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

    @Test
    void livenessSaysWhichRegistryAndWhetherItsNewestTextLoaded() throws Exception {
        Reply ok = web.get("/api/health", Scope.READ);
        assertEquals(200, ok.status(), ok.body());
        JsonNode j = ok.json();
        assertTrue(j.get("ok").asBoolean());
        assertEquals(Version.VERSION, j.get("version").asText());
        assertEquals(cluster.registry.toRealPath().toString(), Path.of(j.get("registry_file").asText()).toRealPath().toString());
        assertTrue(j.get("registry_error").isNull(), ok.body());
        assertTrue(j.get("uptime_s").asLong() >= 0);
        long generation = j.get("generation").asLong();

        String good = Files.readString(cluster.registry);
        try {
            Files.writeString(cluster.registry, good.replace("current_host: spare", "current_host: nowhere"));
            JsonNode broken = web.get("/api/health", Scope.READ).json();
            assertTrue(broken.get("registry_error").asText().contains("services.bad.current_host: unknown host 'nowhere'"), broken.toString());
            assertEquals(generation, broken.get("generation").asLong(), "the last good registry stays in use");
            assertEquals(200, web.get("/api/services/bad", Scope.READ).status(), "and is still served");
        } finally {
            Files.writeString(cluster.registry, good + "# touched\n");
        }
        JsonNode fixed = web.get("/api/health", Scope.READ).json();
        assertTrue(fixed.get("registry_error").isNull(), fixed.toString());
        assertTrue(fixed.get("generation").asLong() > generation, fixed.toString());
    }

    @Test
    void servicesHealthIsEachChecksRealResult() {
        Reply r = web.get("/api/health/services", Scope.READ);
        assertEquals(200, r.status(), r.body());
        Map<String, JsonNode> by = new HashMap<>();
        r.json().forEach(n -> by.put(n.get("service").asText(), n));
        assertEquals(4, by.size(), r.body());
        assertTrue(by.get("web").get("healthy").asBoolean(), r.body());
        assertEquals("http://127.0.0.1:" + cluster.webPort + "/health", by.get("web").get("check").get("target").asText());
        assertTrue(by.get("web").get("check").get("ok").asBoolean());
        assertTrue(by.get("db").get("healthy").asBoolean());
        assertEquals("127.0.0.1:" + cluster.dbPort, by.get("db").get("check").get("target").asText());
        assertFalse(by.get("worker").get("healthy").asBoolean());
        assertEquals("stopped", by.get("worker").get("state").asText());
        assertTrue(by.get("worker").get("check").isNull(), "a stopped service is not health-checked");
        assertEquals(401, web.get("/api/health/services", (String) null).status());
    }
}

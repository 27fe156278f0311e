package deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** When the registry gives no health check, the `healthcheck` of a local service's service file is the barrier. */
class ServiceFileHealthTest {
    @TempDir
    Path tmp;
    LocalCluster cluster;

    @BeforeEach
    void home() {
        System.setProperty("portoser.home", tmp.resolve("home").toString());
        cluster = LocalCluster.in(tmp).host("local", "127.0.0.1", null);
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.killAll();
        System.clearProperty("portoser.home");
    }

    /** Adds a health check to the service.yml LocalCluster wrote for {@code service}. */
    void serviceFileCheck(String service, String check) throws Exception {
        Path f = cluster.svcRoot.resolve(service).resolve("service.yml");
        Files.writeString(f, Files.readString(f) + "healthcheck: " + check + "\n");
    }

    static JsonNode health(CliRun.Outcome r) throws Exception {
        for (JsonNode p : Json.MAPPER.readTree(r.out()).get("services").get(0).get("phases")) {
            if (p.get("name").asText().equals("health")) return p;
        }
        throw new AssertionError("no health phase: " + r);
    }

    @Test
    void deployWaitsForTheServiceFilesCheck() throws Exception {
        cluster.local("slow", "local", "sleep 1; touch ready; exec sleep 600", "healthcheck_interval: 200ms").write();
        serviceFileCheck("slow", "{cmd: 'test -f ready'}");
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", cluster.registryFile.toString(), "slow", "--json-output");
        assertEquals(0, r.code(), r::toString);
        JsonNode h = health(r);
        assertTrue(h.get("detail").asText().startsWith("cmd test -f ready"), h::toString);
        assertTrue(h.get("duration_ms").asLong() >= 200, "retried the file check at least once: " + h);
    }

    @Test
    void aFailingServiceFileCheckFailsTheDeploy() throws Exception {
        cluster.local("deaf", "local", "exec sleep 600", "healthcheck_interval: 100ms, healthcheck_retries: 3").write();
        serviceFileCheck("deaf", "{cmd: 'exit 7'}");
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", cluster.registryFile.toString(), "deaf", "--json-output");
        assertEquals(1, r.code(), r::toString);
        assertTrue(health(r).get("detail").asText().contains("not healthy after 3 checks"), r::toString);
        assertTrue(health(r).get("detail").asText().contains("exit 7"), r::toString);
    }
}

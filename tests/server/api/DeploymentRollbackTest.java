package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.server.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/**
 * POST /api/history/{id}/rollback: a service deployed as v1, then as v2 (its service file changed), rolled back from
 * the web to the v1 record — it serves v1 again from the recorded file, the user's file is left as it is, and the
 * rollback has its own history record under the id the API answered with.
 */
class DeploymentRollbackTest {
    static final int PORT = 18664;
    static final Duration JOB = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    DeploymentCluster cluster;
    WebFixture web;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new DeploymentCluster(tmp).local("ver", start("v1"),
                "port: " + PORT + ", healthcheck: {tcp: " + PORT + "}, healthcheck_interval: 200ms, healthcheck_retries: 25");
        web = WebFixture.start(cluster.write());
    }

    private static String start(String version) {
        return "echo " + version + " > version; exec busybox httpd -f -p 127.0.0.1:" + PORT + " -h .";
    }

    @AfterEach
    void tearDown() throws Exception {
        if (web != null) web.close();
        cluster.killAll();
    }

    @Test
    void aRecordedDeployIsRolledBackToFromTheWeb() throws Exception {
        String v1 = deploy();
        assertEquals("v1", DeploymentCluster.get(PORT, "/version"));
        Files.writeString(cluster.serviceFile("ver"), "start: " + start("v2") + "\nworking_dir: .\n");
        deploy();
        assertEquals("v2", DeploymentCluster.get(PORT, "/version"));

        Reply r = web.post("/api/history/" + v1 + "/rollback", null, Scope.DEPLOY);
        assertEquals(202, r.status(), r::toString);
        String id = r.json().get("deploy_id").asText();
        JsonNode job = DeploymentJobs.await(web, id, JOB);
        assertEquals("ok", job.get("state").asText(), job::toString);
        assertEquals("v1", DeploymentCluster.get(PORT, "/version"), "serves what the record deployed");
        assertTrue(Files.readString(cluster.serviceFile("ver")).contains("v2"), "the user's file is not changed");

        assertEquals("rollback", job.get("report").get("kind").asText());
        assertEquals(id, job.get("report").get("deploy_id").asText());
        DeploymentRecord rec = new HistoryStore(web.home()).get(id);
        assertEquals("rollback", rec.kind());
        assertEquals(v1, rec.rollbackOf());
        assertEquals(DeploymentRecord.SUCCESS, rec.result());
        assertEquals(200, web.get("/api/history/" + id, Scope.READ).status());
    }

    @Test
    void aRecordThatDeployedNothingCannotBeRolledBackTo() throws Exception {
        deploy();
        JsonNode stop = DeploymentJobs.run(web, "/api/deployment/stop", Map.of("services", List.of("ver")), JOB);
        String stopId = stop.get("deploy_id").asText();
        Reply r = web.post("/api/history/" + stopId + "/rollback", null, Scope.DEPLOY);
        assertEquals(400, r.status(), r::toString);
        assertEquals("id", r.json().get("field").asText());
        assertTrue(r.json().get("detail").asText().contains("nothing to roll back to"), r.body());
        assertNull(DeploymentCluster.get(PORT, "/version"), "nothing ran");
        assertEquals(2, web.get("/api/deployment/jobs", Scope.READ).json().get("jobs").size(), "no job started");
    }

    private String deploy() throws Exception {
        JsonNode job = DeploymentJobs.run(web, "/api/deployment/deploy", Map.of("services", List.of("ver")), JOB);
        assertEquals("ok", job.get("state").asText(), job::toString);
        return job.get("deploy_id").asText();
    }
}

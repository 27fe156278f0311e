package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.server.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/**
 * The self-healing loop seen from the web: a foreign process really holds the service's port. Without yes the deploy
 * fails with a live `problem` (port_conflict, naming the holder) and nothing is killed; with yes:true the live
 * `action` says the holder was stopped, the phases show observe/diagnose/solve with durations, and the service serves.
 */
class DeploymentHealingTest {
    static final int PORT = 18662;

    @TempDir
    Path tmp;
    DeploymentCluster cluster;
    WebFixture web;
    Process holder;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new DeploymentCluster(tmp).local("web", "echo healed > index.html; exec busybox httpd -f -p 127.0.0.1:" + PORT + " -h .",
                "port: " + PORT + ", healthcheck: {tcp: " + PORT + "}, healthcheck_interval: 200ms, healthcheck_retries: 25");
        web = WebFixture.start(cluster.write());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (web != null) web.close();
        if (holder != null) holder.destroyForcibly();
        cluster.killAll();
    }

    private void holdThePort() throws Exception {
        holder = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + PORT).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectErrorStream(true).start();
        for (int i = 0; i < 100 && !DeploymentCluster.listening(PORT); i++) Thread.sleep(50);
        assertTrue(DeploymentCluster.listening(PORT), "the foreign holder listens");
    }

    @Test
    void anOperationHealsLikeDeployOnlyWithYes() throws Exception {
        holdThePort();
        try (DeploymentEvents events = new DeploymentEvents(web.url(), web.token(Scope.READ)).connected()) {
            JsonNode refused = DeploymentJobs.run(web, "/api/deployment/apply", Map.of(), Duration.ofSeconds(90));
            assertEquals("failed", refused.get("state").asText(), refused::toString);
            assertTrue(refused.get("error").asText().contains("deploy web: refused by preflight"), refused.toString());
            String id = refused.get("deploy_id").asText();
            events.await(e -> e.type().equals("problem") && id.equals(e.str("deploy_id")) && "port_conflict".equals(e.str("fingerprint")), Duration.ofSeconds(5));
            assertTrue(holder.isAlive(), "not killed without yes");

            JsonNode healed = DeploymentJobs.run(web, "/api/deployment/apply", Map.of("yes", true), Duration.ofSeconds(90));
            assertEquals("ok", healed.get("state").asText(), healed::toString);
            assertTrue(holder.waitFor(5, TimeUnit.SECONDS), "the foreign holder was stopped");
            assertEquals("healed", DeploymentCluster.get(PORT, "/index.html"));
            String hid = healed.get("deploy_id").asText();
            events.await(e -> e.type().equals("action") && hid.equals(e.str("deploy_id")) && e.data().get("done").asBoolean(), Duration.ofSeconds(5));
        }
    }

    @Test
    void aPortHeldByAForeignProcessIsAProblemLiveAndWithYesItIsSolvedAndTheDeployGoesOn() throws Exception {
        holdThePort();

        try (DeploymentEvents events = new DeploymentEvents(web.url(), web.token(Scope.READ)).connected()) {
            // Without yes: diagnosed, the destructive fix refused, nothing changed.
            Reply r = web.post("/api/deployment/deploy", Map.of("services", List.of("web")), Scope.DEPLOY);
            assertEquals(202, r.status(), r::toString);
            String refused = r.json().get("deploy_id").asText();
            JsonNode job = DeploymentJobs.await(web, refused, Duration.ofSeconds(90));
            assertEquals("failed", job.get("state").asText(), job::toString);
            assertEquals("preflight_failed", job.get("report").get("result").asText(), job.toString());
            assertTrue(job.get("error").asText().contains("preflight"), job.toString());
            DeploymentEvents.Ev problem = events.await(e -> e.type().equals("problem") && refused.equals(e.str("deploy_id")), Duration.ofSeconds(5));
            assertEquals("port_conflict", problem.str("fingerprint"));
            assertEquals("web", problem.str("service"));
            assertTrue(problem.data().get("evidence").toString().contains(String.valueOf(holder.pid())), "the holder is named: " + problem.data());
            assertFalse(problem.str("summary").isBlank());
            assertTrue(events.of("action", refused).stream().noneMatch(a -> a.data().get("done").asBoolean()), "nothing done without yes");
            events.await(e -> e.type().equals("deploy") && refused.equals(e.str("deploy_id")) && "failed".equals(e.str("state")), Duration.ofSeconds(5));
            assertTrue(holder.isAlive() && DeploymentCluster.listening(PORT), "not killed without yes");
            assertFalse(Files.exists(cluster.pidFile("web")), "nothing deployed");

            // With yes: the loop stops the holder, preflight passes, the service comes up.
            Reply healedReply = web.post("/api/deployment/deploy", Map.of("services", List.of("web"), "yes", true), Scope.DEPLOY);
            assertEquals(202, healedReply.status(), healedReply::toString);
            String healed = healedReply.json().get("deploy_id").asText();
            JsonNode ok = DeploymentJobs.await(web, healed, Duration.ofSeconds(90));
            assertEquals("ok", ok.get("state").asText(), ok::toString);
            assertTrue(holder.waitFor(5, TimeUnit.SECONDS), "the foreign holder was stopped");
            assertEquals("healed", DeploymentCluster.get(PORT, "/index.html"));

            events.await(e -> e.type().equals("deploy") && healed.equals(e.str("deploy_id")) && "ok".equals(e.str("state")), Duration.ofSeconds(5));
            assertEquals("port_conflict", events.of("problem", healed).get(0).str("fingerprint"));
            List<DeploymentEvents.Ev> actions = events.of("action", healed);
            assertTrue(actions.stream().anyMatch(a -> a.data().get("done").asBoolean() && "port_conflict".equals(a.str("fingerprint"))
                    && !a.str("description").isBlank()), "the fix, done: " + actions);
            assertEquals(List.of("preflight", "observe", "diagnose", "solve", "preflight", "sync", "up", "health"),
                    events.of("phase", healed).stream().map(e -> e.str("phase")).toList());
            for (DeploymentEvents.Ev p : events.of("phase", healed)) assertTrue(p.data().get("duration_ms").isNumber(), p.data().toString());
            assertTrue(events.of("log", healed).stream().anyMatch(e -> e.str("line").contains("✗ port_conflict")), "the CLI's diagnosis lines stream too");
            assertEquals("healed", ok.get("report").get("services").get(0).get("healing").get(0).get("result").asText(), ok.toString());
        }
    }
}

package server.api;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import harness.TestHosts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.state.StateStore;
import lib.registry.RegistryLoader;
import lib.server.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/**
 * POST /api/deployment/move between two harness hosts over real SSH: the service is deployed on h2 while h1 keeps
 * serving, then stopped on h1; the registry file and the state say h2, the server's registry reloads, and the move has
 * its history record under the id the API answered with.
 */
class DeploymentMoveTest {
    static final int PORT = 18671;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    TestHosts hosts;
    Path registry;
    WebFixture web;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(2);
        // Beside the harness's known_hosts, so the server's executor trusts the hosts' keys.
        registry = hosts.dir().resolve("web-move.yml");
        Path svc = Files.createDirectories(hosts.dir().resolve("web-move-svc/mover/www"));
        Files.writeString(svc.resolve("index.html"), "mover\n");
        Files.writeString(svc.getParent().resolve("service.yml"), "start: exec busybox httpd -f -p " + PORT + " -h www\n");
        StringBuilder sb = new StringBuilder("hosts:\n");
        for (int i = 1; i <= 2; i++) {
            sb.append("  h").append(i).append(": {ip: ").append(hosts.ip(i)).append(", ssh_user: root, path: ").append(hosts.srv(i))
                    .append(", ssh_key: ").append(hosts.key()).append("}\n");
        }
        sb.append("services:\n  mover: {current_host: h1, deployment_type: local, service_file: web-move-svc/mover/service.yml, port: ")
                .append(PORT).append(", healthcheck: {tcp: ").append(PORT).append("}, healthcheck_interval: 200ms, healthcheck_retries: 25}\n");
        Files.writeString(registry, sb.toString());
        web = WebFixture.start(registry);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (web != null) web.close();
        if (hosts == null) return;
        for (int i = 1; i <= 2; i++) {
            Path pid = hosts.srv(i).resolve(".portoser/run/mover.pid");
            if (!Files.exists(pid)) continue;
            String p = Files.readString(pid).trim().split("\\s+")[0];
            if (p.matches("\\d+")) new ProcessBuilder("kill", "-9", "--", "-" + p, p).start().waitFor();
        }
    }

    @Test
    void aServiceMovesToTheOtherHostAndTheRegistrySaysSo() throws Exception {
        JsonNode deployed = DeploymentJobs.run(web, "/api/deployment/deploy", Map.of("services", List.of("mover")), Duration.ofSeconds(90));
        assertEquals("ok", deployed.get("state").asText(), deployed::toString);
        assertEquals("mover", serves(1));
        assertNull(serves(2));

        try (DeploymentEvents events = new DeploymentEvents(web.url(), web.token(Scope.READ)).connected()) {
            Reply r = web.post("/api/deployment/move", Map.of("service", "mover", "to", "h2"), Scope.DEPLOY);
            assertEquals(202, r.status(), r::toString);
            String id = r.json().get("deploy_id").asText();
            JsonNode job = DeploymentJobs.await(web, id, Duration.ofSeconds(90));
            assertEquals("ok", job.get("state").asText(), job::toString);
            assertEquals("mover", serves(2), "serves on h2");
            assertNull(serves(1), "stopped on h1");

            assertEquals("h2", RegistryLoader.load(registry).services().get("mover").currentHost(), "the registry file says h2");
            assertEquals("h2", new StateStore(web.home()).load().deployed().get("mover").host());
            Reply svc = web.get("/api/services/mover", Scope.READ);
            assertEquals(200, svc.status(), svc::toString);
            assertTrue(svc.body().contains("\"current_host\":\"h2\""), "the server reloaded the registry: " + svc.body());

            JsonNode report = job.get("report");
            assertEquals("move", report.get("kind").asText());
            assertEquals(id, report.get("deploy_id").asText());
            assertEquals(List.of("deploy", "stop"), report.get("runs").findValuesAsText("action"));
            DeploymentRecord rec = new HistoryStore(web.home()).get(id);
            assertEquals("move", rec.kind());
            assertEquals(DeploymentRecord.SUCCESS, rec.result());
            assertEquals(List.of("h2", "h1"), rec.hosts());

            events.await(e -> e.type().equals("deploy") && id.equals(e.str("deploy_id")) && "ok".equals(e.str("state")), Duration.ofSeconds(5));
            assertTrue(events.of("log", id).stream().anyMatch(e -> "h2".equals(e.str("host"))), "lines from the new host");
            assertTrue(events.of("phase", id).stream().anyMatch(e -> "h1".equals(e.str("host")) && "stop".equals(e.str("phase"))), "the old copy's stop");
        }
    }

    @Test
    void aMoveToAHostTheRegistryDoesNotKnowIsRefusedNamingTheField() throws Exception {
        String before = Files.readString(registry);
        Reply r = web.post("/api/deployment/move", Map.of("service", "mover", "to", "h9"), Scope.DEPLOY);
        assertEquals(400, r.status(), r::toString);
        assertEquals("to", r.json().get("field").asText());
        assertEquals(before, Files.readString(registry), "nothing changed");
        assertEquals(0, web.get("/api/deployment/jobs", Scope.READ).json().get("jobs").size());
    }

    private String serves(int host) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + hosts.ip(host) + ":" + PORT + "/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.lock.DeployLock;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `portoser web` as its own process, stopped with SIGTERM while a deploy it started is running: a run that ends within
 * the grace period is recorded as it ended (not cut short by the JVM's exit hooks); one that does not is recorded
 * interrupted. Either way the deploy lock is gone afterwards.
 */
class DeploymentSigtermTest {
    static final int LATE = 18666, NEVER = 18667;

    @TempDir
    Path tmp;
    DeploymentCluster cluster;
    Process server;

    @AfterEach
    void tearDown() throws Exception {
        if (server != null) server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        if (cluster != null) cluster.killAll();
    }

    @Test
    void aRunThatFinishesWithinTheGraceIsRecordedAsItEnded() throws Exception {
        cluster = new DeploymentCluster(tmp).local("late", "sleep 3; exec busybox httpd -f -p 127.0.0.1:" + LATE + " -h .",
                "port: " + LATE + ", healthcheck: {tcp: " + LATE + "}, healthcheck_interval: 200ms, healthcheck_retries: 100");
        String id = deployThenTerm("late", 30_000);
        DeploymentRecord rec = new HistoryStore(tmp.resolve("home")).get(id);
        assertEquals(DeploymentRecord.SUCCESS, rec.result(), "finished in the grace period: " + rec);
        assertTrue(DeploymentCluster.listening(LATE), "and it runs");
        assertFalse(Files.exists(DeployLock.file(tmp.resolve("home"))));
    }

    @Test
    void aRunStillGoingAfterTheGraceIsRecordedInterrupted() throws Exception {
        cluster = new DeploymentCluster(tmp).local("stuck", "exec sleep 600",
                "port: " + NEVER + ", healthcheck: {tcp: " + NEVER + "}, healthcheck_interval: 200ms, healthcheck_retries: 1000");
        String id = deployThenTerm("stuck", 1_000);
        DeploymentRecord rec = new HistoryStore(tmp.resolve("home")).get(id);
        assertEquals(DeploymentRecord.INTERRUPTED, rec.result(), rec.toString());
        assertTrue(rec.error().contains("stopped before the run ended"), rec.error());
        assertFalse(Files.exists(DeployLock.file(tmp.resolve("home"))));
    }

    /** Starts the server, deploys {@code service} through the API, sends SIGTERM once the run is under way; returns the deploy id. */
    private String deployThenTerm(String service, long graceMs) throws Exception {
        Path registry = cluster.write();
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dportoser.web.deployGraceMs=" + graceMs, "-cp", System.getProperty("java.class.path"), "portoser",
                "web", "--registry", registry.toString(), "--port", "0").redirectError(tmp.resolve("server.err").toFile());
        pb.environment().put("PORTOSER_HOME", tmp.resolve("home").toString());
        server = pb.start();
        CompletableFuture<String[]> started = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            String url = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) {
                    if (l.startsWith("portoser web: serving ")) url = l.substring(22).split("\\s+")[0];
                    if (l.startsWith("login token") && url != null) started.complete(new String[] {url, l.substring(l.lastIndexOf(' ') + 1)});
                }
            } catch (Exception e) {
                started.completeExceptionally(e);
            }
            started.completeExceptionally(new AssertionError("the server printed no URL and token"));
        });
        reader.setDaemon(true);
        reader.start();
        String[] urlToken = started.get(60, TimeUnit.SECONDS);

        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(urlToken[0]).resolve("/api/deployment/deploy"))
                .header("Authorization", "Bearer " + urlToken[1]).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(java.util.Map.of("services", List.of(service))))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(202, r.statusCode(), r.body());
        JsonNode body = Json.MAPPER.readTree(r.body());
        String id = body.get("deploy_id").asText();
        HistoryStore store = new HistoryStore(tmp.resolve("home"));
        for (int i = 0; i < 300 && !store.ids().contains(id); i++) Thread.sleep(50);
        assertEquals(DeploymentRecord.RUNNING, store.get(id).result(), "under way");
        Thread.sleep(300); // into the health wait

        server.destroy(); // SIGTERM
        assertTrue(server.waitFor(60, TimeUnit.SECONDS), "the server stopped");
        return id;
    }
}

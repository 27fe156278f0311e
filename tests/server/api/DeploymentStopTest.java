package server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.lock.DeployLock;
import lib.server.Scope;
import lib.server.events.Event;
import lib.server.events.EventHub;
import lib.server.jobs.DeployJobs;
import lib.server.jobs.Job;
import lib.server.jobs.JobRunner;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/**
 * Stopping the server with a deploy in flight: it gets the grace period to finish (and then ends normally); one still
 * running after it (a service whose health check never passes) is recorded as interrupted — its history record, its
 * job state and a `deploy` event — and the deploy lock is released.
 */
class DeploymentStopTest {
    static final int NEVER = 18663, LATE = 18665;

    @TempDir
    Path tmp;
    DeploymentCluster cluster;
    WebFixture web;

    @AfterEach
    void tearDown() throws Exception {
        if (web != null) web.close();
        cluster.killAll();
    }

    @Test
    void aDeployStillRunningAfterTheGracePeriodIsRecordedInterrupted() throws Exception {
        cluster = new DeploymentCluster(tmp).local("stuck", "exec sleep 600",
                "port: " + NEVER + ", healthcheck: {tcp: " + NEVER + "}, healthcheck_interval: 200ms, healthcheck_retries: 1000");
        web = WebFixture.start(cluster.write());
        JobRunner runner = DeployJobs.of(web.app().context()).runner().grace(Duration.ofMillis(500));
        try (EventHub.Subscription sub = web.app().context().events().subscribe(0)) {
            Reply r = web.post("/api/deployment/deploy", Map.of("services", List.of("stuck")), Scope.DEPLOY);
            assertEquals(202, r.status(), r::toString);
            String id = r.json().get("deploy_id").asText();
            awaitEvent(sub, "phase", id, "\"phase\":\"up\"");   // started; now waiting for a health check that never passes
            assertEquals("running", new HistoryStore(web.home()).get(id).result());

            long t0 = System.nanoTime();
            web.close();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms >= 400, "the grace period was given: " + ms + " ms");

            Job job = runner.get(id).orElseThrow();
            assertEquals(Job.State.INTERRUPTED, job.state());
            DeploymentRecord rec = new HistoryStore(web.home()).get(id);
            assertEquals(DeploymentRecord.INTERRUPTED, rec.result());
            assertTrue(rec.error().contains("stopped before the run ended"), rec.error());
            assertNotNull(rec.finishedAt());
            Event ev = awaitEvent(sub, "deploy", id, "\"state\":\"interrupted\"");
            assertEquals("interrupted", Json.MAPPER.readTree(ev.json()).get("state").asText());
            assertFalse(Files.exists(DeployLock.file(web.home())), "the lock was released");
            Thread.sleep(500); // the interrupted run may still write its record once: the result stays
            assertEquals(DeploymentRecord.INTERRUPTED, new HistoryStore(web.home()).get(id).result());
        }
    }

    @Test
    void aDeployThatFinishesWithinTheGracePeriodEndsNormally() throws Exception {
        cluster = new DeploymentCluster(tmp).local("late", "sleep 2; exec busybox httpd -f -p 127.0.0.1:" + LATE + " -h .",
                "port: " + LATE + ", healthcheck: {tcp: " + LATE + "}, healthcheck_interval: 200ms, healthcheck_retries: 100");
        web = WebFixture.start(cluster.write());
        JobRunner runner = DeployJobs.of(web.app().context()).runner().grace(Duration.ofSeconds(60));
        try (EventHub.Subscription sub = web.app().context().events().subscribe(0)) {
            Reply r = web.post("/api/deployment/deploy", Map.of("services", List.of("late")), Scope.DEPLOY);
            assertEquals(202, r.status(), r::toString);
            String id = r.json().get("deploy_id").asText();
            awaitEvent(sub, "phase", id, "\"phase\":\"up\"");
            web.close();
            assertEquals(Job.State.OK, runner.get(id).orElseThrow().state());
            assertEquals(DeploymentRecord.SUCCESS, new HistoryStore(web.home()).get(id).result());
            awaitEvent(sub, "deploy", id, "\"state\":\"ok\"");
            assertTrue(DeploymentCluster.listening(LATE));
        }
    }

    private static Event awaitEvent(EventHub.Subscription sub, String type, String id, String contains) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            Event e = sub.queue().poll(200, TimeUnit.MILLISECONDS);
            if (e != null && e.type().equals(type) && e.json().contains(id) && e.json().contains(contains)) return e;
        }
        throw new AssertionError("no " + type + " event with " + contains + " for " + id);
    }
}

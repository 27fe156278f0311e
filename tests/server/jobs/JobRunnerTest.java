package server.jobs;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.deploy.lock.DeployLock;
import lib.server.ApiError;
import lib.server.events.Event;
import lib.server.events.EventHub;
import lib.server.jobs.Job;
import lib.server.jobs.JobRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job runner alone, with the real deploy lock: how jobs end, what is kept, and what a stopping runner refuses. */
class JobRunnerTest {
    @TempDir
    Path home;

    @Test
    void aTaskThatThrowsFailsItsJobWithTheMessageAndHintAndReleasesTheLock() throws Exception {
        EventHub hub = new EventHub();
        try (JobRunner runner = new JobRunner(hub); EventHub.Subscription sub = hub.subscribe(0)) {
            Job job = runner.submit(new Job("deploy-20260101-000000-0001", "deploy", List.of("web"), "tester", hub), lock(), j -> {
                j.console().out().println("working");
                throw new PortoserException(ExitCode.FAILED, "host h1 did not answer", "check it: portoser remote ping h1");
            });
            assertEquals("started", state(sub.queue().poll(5, TimeUnit.SECONDS)));
            assertEquals("failed", state(sub.queue().poll(5, TimeUnit.SECONDS)));
            assertEquals(Job.State.FAILED, job.state());
            assertEquals("host h1 did not answer (check it: portoser remote ping h1)", job.error());
            assertEquals(List.of("working", "✗ host h1 did not answer (check it: portoser remote ping h1)"), job.output());
            for (int i = 0; i < 50 && Files.exists(DeployLock.file(home)); i++) Thread.sleep(20);
            assertFalse(Files.exists(DeployLock.file(home)), "released");
        }
    }

    @Test
    void onlyTheNewestJobsAreKeptNewestFirst() throws Exception {
        EventHub hub = new EventHub();
        try (JobRunner runner = new JobRunner(hub, 1, 2)) {
            for (int i = 1; i <= 3; i++) {
                Job j = runner.submit(new Job("deploy-20260101-000000-000" + i, "deploy", List.of(), "t", hub), lock(),
                        x -> new JobRunner.Done(true, java.util.Map.of("n", 1), null));
                for (int k = 0; k < 250 && j.state() == Job.State.RUNNING; k++) Thread.sleep(20);
                assertEquals(Job.State.OK, j.state());
            }
            assertEquals(List.of("deploy-20260101-000000-0003", "deploy-20260101-000000-0002"), runner.recent().stream().map(Job::id).toList());
            assertTrue(runner.get("deploy-20260101-000000-0001").isEmpty());
        }
    }

    @Test
    void aStoppedRunnerRefusesNewJobsWith503AndReleasesTheirLock() throws Exception {
        EventHub hub = new EventHub();
        JobRunner runner = new JobRunner(hub);
        runner.close();
        ApiError e = assertThrows(ApiError.class, () -> runner.submit(new Job("deploy-20260101-000000-0009", "deploy", List.of(), "t", hub), lock(),
                x -> new JobRunner.Done(true, null, null)));
        assertEquals(503, e.status());
        assertFalse(Files.exists(DeployLock.file(home)));
        assertTrue(runner.recent().isEmpty());
    }

    private DeployLock lock() { return DeployLock.acquire(home, "test", Duration.ZERO, m -> {}); }

    private static String state(Event e) throws Exception {
        assertNotNull(e, "no event");
        assertEquals("deploy", e.type());
        return lib.util.Json.MAPPER.readTree(e.json()).get("state").asText();
    }
}

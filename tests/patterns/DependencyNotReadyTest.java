package patterns;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.solve.Outcome;
import lib.solve.SolveContext;
import lib.standardize.Learner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** dependency_not_ready against a real TCP dependency that comes up late, or never. */
class DependencyNotReadyTest {
    static final int PORT = 18481;
    @TempDir Path tmp;
    final dependency_not_ready pattern = new dependency_not_ready();

    @Test
    void backoffIsBoundedAndExponential() {
        assertEquals(List.of(250L, 500L, 1000L, 250L), dependency_not_ready.delays(2000));
        assertEquals(List.of(250L, 500L, 1000L, 2000L, 4000L, 4000L, 250L), dependency_not_ready.delays(12_000));
    }

    @Test
    void aRecordedWaitSetsTheFirstWindow() {
        assertEquals(List.of(3750L, 250L, 500L, 1000L, 2000L, 500L), dependency_not_ready.delays(8000, 3750L));
        assertEquals(List.of(2000L), dependency_not_ready.delays(2000, 9000L), "never beyond the budget");
        assertEquals(List.of(250L, 250L, 500L, 1000L), dependency_not_ready.delays(2000, 10L));
        assertEquals(dependency_not_ready.delays(2000), dependency_not_ready.delays(2000, null));
        assertEquals(3750L, dependency_not_ready.recordedWait(List.of("wait for cache: healthy after 100 ms (x)",
                "wait for db: healthy after 3750 ms (budget 10000 ms; true)"), "wait for db"));
        assertNull(dependency_not_ready.recordedWait(List.of("wait for cache: healthy after 100 ms (x)"), "wait for db"),
                "another dependency's wait says nothing about this one");
    }

    /**
     * The same late dependency (up after 2 s) waited for twice: without a playbook the backoff polls from 0.25 s; after
     * the real Learner recorded how long it took, the first re-check waits that long. The health checks really run
     * (each appends a line to a file): the knowledge base changed how many were made.
     */
    @Test
    void aRecordedPlaybookChangesHowTheWaitIsPaced() throws Exception {
        Path checks = tmp.resolve("checks");
        String health = "echo x >> " + checks + "; timeout 2 bash -c '</dev/tcp/127.0.0.1/" + (PORT + 2) + "'";
        KnowledgeDir kb = new KnowledgeDir(tmp.resolve("home/knowledge"));
        try (LocalHost h = new LocalHost(tmp, "web")) {
            var problem = h.problem("dependency_not_ready", Map.of("dependency", "db", "health_command", health, "max_wait_ms", 10000));
            Outcome plain = lateDependency(() -> pattern.solve(problem, h.ctx(false, false)), PORT + 2);
            assertEquals(Outcome.Status.RETRY, plain.status(), plain.message());
            assertFalse(plain.message().contains("recorded playbook"), plain.message());
            long plainChecks = lines(checks);
            assertTrue(plainChecks >= 5, "0, 0.25, 0.75, 1.75 s down, then up: " + plainChecks);

            new Learner(kb, Clock.systemUTC()).record(problem, plain, "deploy-1", true);
            List<String> steps = KnowledgeBase.load(kb).stepsFor("dependency_not_ready", "web", "here");
            assertTrue(steps.get(0).startsWith("wait for db: healthy after "), steps.toString());
            long took = dependency_not_ready.recordedWait(steps, "wait for db");
            assertTrue(took >= 2000, "recorded " + took);

            Files.delete(checks);
            SolveContext c = h.ctx(false, false);
            SolveContext led = new SolveContext(c.executor(), c.registry(), c.host(), c.service(), false, false, c.confirm(), c.out(), steps);
            Outcome o = lateDependency(() -> pattern.solve(problem, led), PORT + 2);
            assertEquals(Outcome.Status.RETRY, o.status(), o.message());
            assertTrue(o.message().startsWith("trying the recorded playbook first: wait for db (first re-check after " + took + " ms, as recorded)"),
                    o.message());
            assertEquals(2, lines(checks), "one check at once, one after the recorded wait: nothing in between");
        }
    }

    static long lines(Path f) throws java.io.IOException { return Files.readAllLines(f).size(); }

    /** Runs {@code solve} while a real TCP dependency comes up on {@code port} 2 s in; stops it afterwards. */
    static Outcome lateDependency(java.util.function.Supplier<Outcome> solve, int port) throws Exception {
        Process[] dep = new Process[1];
        Thread starter = new Thread(() -> {
            sleep(2000);
            try {
                dep[0] = LocalHost.daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + port);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        starter.start();
        try {
            return solve.get();
        } finally {
            starter.join();
            if (dep[0] != null) {
                dep[0].destroyForcibly().waitFor();
                for (int i = 0; i < 50 && LocalHost.listening(port); i++) Thread.sleep(100);
            }
        }
    }

    @Test
    void aDependencyThatComesUpAfterTwoSecondsMeansRetryAfterBackoff() throws Exception {
        Process[] dep = new Process[1];
        Thread starter = new Thread(() -> {
            sleep(2000);
            try {
                dep[0] = LocalHost.daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + PORT);
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        });
        try (LocalHost h = new LocalHost(tmp, "web")) {
            var problem = h.problem("dependency_not_ready", Map.of("dependency", "db", "port", PORT, "max_wait_ms", 10000));
            Outcome dry = pattern.solve(problem, h.ctx(true, false));
            assertEquals(Outcome.Status.RETRY, dry.status());
            assertFalse(dry.actions().get(0).done(), "dry run waits for nothing");
            long t0 = System.nanoTime();
            starter.start();
            Outcome late = pattern.solve(problem, h.ctx(false, false));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Outcome.Status.RETRY, late.status(), late.message());
            assertTrue(late.message().startsWith("db became healthy after"), late.message());
            assertTrue(ms >= 2000 && ms < 8000, "took " + ms + " ms");
            Outcome again = pattern.solve(problem, h.ctx(false, false));
            assertEquals("db is healthy: retry now", again.message());
            assertTrue(again.actions().isEmpty(), "second solve takes no action");
        } finally {
            starter.join();
            if (dep[0] != null) dep[0].destroyForcibly();
        }
    }

    @Test
    void aDependencyThatNeverComesUpGivesUpInBoundedTime() {
        try (LocalHost h = new LocalHost(tmp, "web")) {
            long t0 = System.nanoTime();
            Outcome o = pattern.solve(h.problem("dependency_not_ready", Map.of("dependency", "db", "port", PORT + 1, "max_wait_ms", 1500)),
                    h.ctx(false, false));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Outcome.Status.GAVE_UP, o.status());
            assertTrue(o.message().startsWith("db still not healthy after 1500 ms"), o.message());
            assertTrue(ms >= 1500 && ms < 6000, "took " + ms + " ms");
        }
    }

    static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

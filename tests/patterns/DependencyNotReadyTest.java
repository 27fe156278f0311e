package patterns;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.solve.Outcome;
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

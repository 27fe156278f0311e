package patterns;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.registry.Host;
import lib.solve.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ssh_unreachable against harness host 3 with its sshd really stopped: it never comes back, or it does after 2 s. */
class SshUnreachableTest {
    static final int H = 3;
    static TestHosts hosts;
    @TempDir Path home;
    final ssh_unreachable pattern = new ssh_unreachable();

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
    }

    @Test
    void backoffIsBoundedAndExponential() {
        assertEquals(List.of(500L, 1000L, 500L), ssh_unreachable.delays(2000));
        assertEquals(List.of(500L, 1000L, 2000L, 4000L, 8000L, 8000L, 6500L), ssh_unreachable.delays(30_000));
    }

    @Test
    void aHostThatNeverComesBackGivesUpWithinTheBoundWithTheLastError() {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            var problem = HarnessHost.problem("ssh_unreachable", host, Map.of("kind", "CONNECTION_REFUSED", "max_wait_ms", 2500));
            hosts.stopSshd(H);
            try {
                Outcome dry = pattern.solve(problem, h.ctx(host, true));
                assertEquals(Outcome.Status.RETRY, dry.status());
                assertFalse(dry.actions().get(0).done(), "dry run connects to nothing");
                long t0 = System.nanoTime();
                Outcome o = pattern.solve(problem, h.ctx(host, false));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(Outcome.Status.GAVE_UP, o.status(), o.message());
                assertTrue(o.message().startsWith("h3 still unreachable after 4 attempts in 2500 ms; last error (CONNECTION_REFUSED)"), o.message());
                assertTrue(ms >= 2500 && ms < 2500 + 5000, "took " + ms + " ms");
            } finally {
                hosts.startSshd(H);
            }
        }
    }

    @Test
    void aHostWhoseSshdComesBackAfterTwoSecondsMeansRetry() throws Exception {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            var problem = HarnessHost.problem("ssh_unreachable", host, Map.of("kind", "CONNECTION_REFUSED", "max_wait_ms", 15000));
            hosts.stopSshd(H);
            Thread starter = new Thread(() -> {
                DependencyNotReadyTest.sleep(2000);
                hosts.startSshd(H);
            });
            try {
                long t0 = System.nanoTime();
                starter.start();
                Outcome o = pattern.solve(problem, h.ctx(host, false));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(Outcome.Status.RETRY, o.status(), o.message());
                assertTrue(o.message().startsWith("h3 answered after"), o.message());
                assertTrue(ms >= 2000 && ms < 10_000, "took " + ms + " ms");
                Outcome again = pattern.solve(problem, h.ctx(host, false));
                assertEquals("h3 answers over SSH: retry now", again.message());
                assertTrue(again.actions().isEmpty(), "second solve takes no action");
            } finally {
                starter.join();
                hosts.startSshd(H);
            }
        }
    }
}

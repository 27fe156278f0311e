package patterns;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.registry.Host;
import lib.solve.Outcome;
import lib.solve.SolveContext;
import lib.standardize.Learner;
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

    /**
     * A hung host (sshd paused: connections are accepted, never answered): every attempt waits out the 5 s connect
     * timeout, and the wait still ends by the clock: the budget plus the one attempt started inside it (plus the
     * first check), not the budget plus one timeout per attempt.
     */
    @Test
    void aHungHostIsGivenUpByTheClockNotAfterEveryAttemptsTimeout() {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            var problem = HarnessHost.problem("ssh_unreachable", host, Map.of("kind", "TIMEOUT", "max_wait_ms", 3000));
            hosts.pauseSshd(H);
            try {
                long t0 = System.nanoTime();
                Outcome o = pattern.solve(problem, h.ctx(host, false));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(Outcome.Status.GAVE_UP, o.status(), o.message());
                assertTrue(o.message().contains("last error (TIMEOUT)"), o.message());
                assertTrue(ms >= 3000 + 5000 && ms < 5000 + 3000 + 5000 + 1500, "first check + budget + one attempt: took " + ms + " ms");
            } finally {
                hosts.resumeSshd(H);
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

    /**
     * The same outage (sshd really down for 2 s) twice: without a playbook the backoff knocks at 0.5, 1.5 and 3.5 s;
     * after the real Learner recorded how long the host took, the first retry waits that long and the second
     * connection attempt already succeeds.
     */
    @Test
    void aRecordedPlaybookChangesHowOftenTheHostIsKnockedOn() throws Exception {
        KnowledgeDir kb = new KnowledgeDir(home.resolve("knowledge"));
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            var problem = HarnessHost.problem("ssh_unreachable", host, Map.of("kind", "CONNECTION_REFUSED", "max_wait_ms", 15000));
            Outcome plain = outage(() -> pattern.solve(problem, h.ctx(host, false)));
            assertEquals(Outcome.Status.RETRY, plain.status(), plain.message());
            assertTrue(plain.message().matches("h3 answered after \\d+ ms \\(4 attempts\\): retry now"), plain.message());

            new Learner(kb, Clock.systemUTC()).record(problem, plain, "deploy-1", true);
            List<String> steps = KnowledgeBase.load(kb).stepsFor("ssh_unreachable", "web", host.name());
            assertTrue(steps.get(0).startsWith("reconnect over SSH to h3: answered after "), steps.toString());

            SolveContext c = h.ctx(host, false);
            SolveContext led = new SolveContext(c.executor(), c.registry(), c.host(), c.service(), false, false, c.confirm(), c.out(), steps);
            Outcome o = outage(() -> pattern.solve(problem, led));
            assertEquals(Outcome.Status.RETRY, o.status(), o.message());
            assertTrue(o.message().startsWith("trying the recorded playbook first: reconnect over SSH to h3 (first retry after "), o.message());
            assertTrue(o.message().endsWith("(2 attempts): retry now"), o.message());
            assertTrue(h.said.toString().contains("trying the recorded playbook first: reconnect over SSH to h3"), h.said.toString());
        }
    }

    /** Runs {@code solve} with host 3's sshd stopped, started again 2 s in; it is running again afterwards. */
    static Outcome outage(java.util.function.Supplier<Outcome> solve) throws Exception {
        hosts.stopSshd(H);
        Thread starter = new Thread(() -> {
            DependencyNotReadyTest.sleep(2000);
            hosts.startSshd(H);
        });
        try {
            starter.start();
            return solve.get();
        } finally {
            starter.join();
            hosts.startSshd(H);
        }
    }
}

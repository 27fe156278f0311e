package lib.exec;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lib.registry.Host;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real failures, each with its kind and hint, and within the connect timeout. */
class ConnectFailureTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        Harness.hosts();
    }

    private ExecException failure(Host host) {
        try (Executor ex = new Executor(Harness.options(tmp))) {
            return assertThrows(ExecException.class, () -> ex.run(host, "true"));
        }
    }

    private static double secondsSince(long start) { return (System.nanoTime() - start) / 1e9; }

    @Test
    void stoppedSshdIsConnectionRefusedAtOnce() {
        TestHosts hosts = Harness.hosts();
        hosts.stopSshd(2);
        try {
            long start = System.nanoTime();
            ExecException e = failure(Harness.host(2));
            assertEquals(ExecException.Kind.CONNECTION_REFUSED, e.kind(), e.getMessage());
            assertTrue(secondsSince(start) < Harness.CONNECT.toSeconds(), "took " + secondsSince(start));
            assertTrue(e.getMessage().contains("connection refused at " + hosts.ip(2) + ":22"), e.getMessage());
            assertTrue(e.hint().contains("is sshd running on h2"), e.hint());
        } finally {
            hosts.startSshd(2);
        }
    }

    @Test
    void hungSshdTimesOutWithinTheConnectTimeout() {
        TestHosts hosts = Harness.hosts();
        hosts.pauseSshd(3);
        try {
            long start = System.nanoTime();
            ExecException e = failure(Harness.host(3));
            double took = secondsSince(start);
            assertEquals(ExecException.Kind.TIMEOUT, e.kind(), e.getMessage());
            assertTrue(took >= 1.5 && took < Harness.CONNECT.toSeconds() + 1.5, "took " + took);
            assertTrue(e.getMessage().contains("within 2s"), e.getMessage());
        } finally {
            hosts.resumeSshd(3);
        }
    }

    @Test
    void wrongKeyIsAuthFailed() throws Exception {
        Path key = tmp.resolve("other_key");
        Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key.toString()).start();
        assertTrue(p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0);
        ExecException e = failure(Harness.withKey(Harness.host(1), key.toString()));
        assertEquals(ExecException.Kind.AUTH_FAILED, e.kind(), e.getMessage());
        assertTrue(e.getMessage().contains("root@" + Harness.host(1).ip()), e.getMessage());
        assertTrue(e.hint().contains("authorized_keys"), e.hint());
    }

    @Test
    void missingKeyFileIsNoKeyBeforeAnyNetwork() {
        ExecException e = failure(Harness.withKey(Harness.host(1), tmp.resolve("nope").toString()));
        assertEquals(ExecException.Kind.NO_KEY, e.kind());
        assertTrue(e.hint().contains("ssh_key"), e.hint());
    }

    @Test
    void unusedAddressOnTheBridgeIsNoRouteOrTimeout() {
        long start = System.nanoTime();
        ExecException e = failure(Harness.withIp(Harness.host(1), harness.TestHosts.SUBNET + ".250"));
        assertTrue(e.kind() == ExecException.Kind.NO_ROUTE || e.kind() == ExecException.Kind.TIMEOUT, e.kind() + " " + e.getMessage());
        assertTrue(secondsSince(start) < Harness.CONNECT.toSeconds() + 2, "took " + secondsSince(start));
    }

    @Test
    void unresolvableNameIsDns() {
        Host h = Harness.withIp(Harness.host(1), "no-such-host.invalid");
        ExecException e = ConnectErrors.classify(h, new UnknownHostException("no-such-host.invalid"), false, Harness.CONNECT);
        assertEquals(ExecException.Kind.DNS, e.kind());
        assertTrue(e.hint().contains("check the ip of host h1"), e.hint());
    }
}

package lib.exec;

import java.util.List;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.file.Path;
import java.util.Collections;
import lib.registry.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** This machine's own addresses run commands directly (no SSH); harness hosts in other namespaces do not. */
class LocalDetectionTest {
    @TempDir
    Path tmp;

    private static Host at(String ip) {
        return new Host("x", ip, "root", 22, "/nonexistent-key", "/tmp", null, null, null);
    }

    @Test
    void loopbackRunsLocallyWithoutSsh() {
        try (Executor ex = new Executor(ExecOptions.defaults())) {
            Result r = ex.run(at("127.0.0.1"), "echo $$");
            assertTrue(r.ok(), r::toString);
            assertEquals(0, ex.ssh().connectsMade());
        }
    }

    @Test
    void everyAddressOfThisMachineIsLocal() throws Exception {
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address) assertTrue(LocalAddresses.isLocal(a.getHostAddress()), a + " on " + nic.getName());
            }
        }
        assertTrue(LocalAddresses.isLocal("localhost"));
        assertTrue(LocalAddresses.isLocal("127.0.0.2"));
    }

    @Test
    void harnessHostsAreRemote() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        TestHosts hosts = Harness.hosts();
        for (String ip : hosts.ips()) assertFalse(LocalAddresses.isLocal(ip), ip);
        try (Executor ex = new Executor(Harness.options(tmp))) {
            assertFalse(ex.isLocal(Harness.host(1)));
            // A dockerd in the namespace adds its bridges' addresses (172.17.0.1 …): h1's own must be among them.
            assertTrue(List.of(ex.run(Harness.host(1), "hostname -I").stdout().strip().split("\\s+")).contains(hosts.ip(1)));
            assertEquals(1, ex.ssh().connectsMade());
        }
    }
}

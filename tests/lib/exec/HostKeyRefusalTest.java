package lib.exec;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.cli.ExitCode;
import lib.registry.Host;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host keys against real sshd: unknown and changed keys are refused with the fingerprint; hashed and [ip]:port entries work. */
class HostKeyRefusalTest {
    @TempDir
    Path tmp;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        Harness.hosts();
    }

    /** What `ssh-keygen -lf` prints for host i's key: "SHA256:…". */
    static String fingerprintOf(int i) throws Exception {
        Path pub = Harness.hosts().dir().resolve("h" + i + "/ssh_host_ed25519_key.pub");
        Process p = new ProcessBuilder("ssh-keygen", "-lf", pub.toString()).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(10, TimeUnit.SECONDS);
        return out.split(" ")[1];
    }

    private ExecException refusedWith(Path knownHosts, Host host) {
        try (Executor ex = new Executor(Harness.options(List.of(knownHosts), tmp.resolve("home")))) {
            return assertThrows(ExecException.class, () -> ex.run(host, "true"));
        }
    }

    @Test
    void unknownKeyIsRefusedWithItsFingerprintAndTheTrustCommand() throws Exception {
        Path empty = Files.writeString(tmp.resolve("known_hosts"), "");
        ExecException e = refusedWith(empty, Harness.host(1));
        assertEquals(ExecException.Kind.HOST_KEY_UNKNOWN, e.kind());
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("ssh-ed25519 " + fingerprintOf(1)), e.getMessage());
        assertTrue(e.hint().contains("portoser remote trust h1"), e.hint());
    }

    @Test
    void changedKeyIsRefusedLoudlyNamingTheFileAndLine() throws Exception {
        String otherHostsKey = Files.readString(Harness.hosts().dir().resolve("h2/ssh_host_ed25519_key.pub")).split(" ")[1];
        Path kh = Files.writeString(tmp.resolve("known_hosts"), "# comment\n" + Harness.host(1).ip() + " ssh-ed25519 " + otherHostsKey + "\n");
        ExecException e = refusedWith(kh, Harness.host(1));
        assertEquals(ExecException.Kind.HOST_KEY_CHANGED, e.kind());
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("man-in-the-middle"), e.getMessage());
        assertTrue(e.getMessage().contains(fingerprintOf(1)), e.getMessage());
        assertTrue(e.getMessage().contains(kh + ":2"), e.getMessage());
        assertTrue(e.hint().contains("line 2 of " + kh), e.hint());
    }

    @Test
    void hashedEntriesAreAccepted() throws Exception {
        Path kh = tmp.resolve("known_hosts");
        Files.copy(Harness.hosts().knownHosts(), kh);
        Process p = new ProcessBuilder("ssh-keygen", "-H", "-f", kh.toString()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor());
        assertTrue(Files.readString(kh).startsWith("|1|"), "ssh-keygen -H should hash the names");
        try (Executor ex = new Executor(Harness.options(List.of(kh), tmp.resolve("home")))) {
            assertEquals("ok\n", ex.run(Harness.host(3), "echo ok").stdout());
        }
    }

    @Test
    void anyConfiguredFileCanVouchForTheKey() throws Exception {
        Path empty = Files.writeString(tmp.resolve("empty"), "");
        try (Executor ex = new Executor(Harness.options(List.of(empty, tmp.resolve("missing"), Harness.hosts().knownHosts()), tmp))) {
            assertTrue(ex.run(Harness.host(2), "true").ok());
        }
    }
}

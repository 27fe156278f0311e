package remote;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** `portoser remote …` through picocli with captured output, against the namespace hosts. */
class RemoteCommandTest {
    static TestHosts hosts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void up() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
    }

    @BeforeEach
    void isolatedPortoserHome() { System.setProperty("portoser.home", tmp.resolve("home").toString()); }

    @AfterEach
    void restore() { System.clearProperty("portoser.home"); }

    private static CliRun.Outcome remote(String... args) {
        return CliRun.run(new commands.Remote(), args);
    }

    private String reg() { return hosts.registry().toString(); }

    /** The harness registry somewhere without a known_hosts beside it: every key is unknown there. */
    private String registryWithoutKeys() throws Exception {
        Path r = tmp.resolve("registry.yml");
        Files.copy(hosts.registry(), r);
        return r.toString();
    }

    @Test
    void testConnectionsReportsEveryHost() {
        CliRun.Outcome r = remote("test-connections", "--registry", reg());
        assertEquals(0, r.code(), r::toString);
        for (int i = 1; i <= 3; i++) assertTrue(r.out().contains("✓ h" + i + "  " + hosts.ip(i) + "  ok, connect "), r::toString);
        assertTrue(r.out().contains("3/3 hosts reachable"), r::toString);
    }

    @Test
    void testConnectionsJsonAndARefusedHost() throws Exception {
        hosts.stopSshd(2);
        try {
            CliRun.Outcome r = remote("test-connections", "--registry", reg(), "--json", "h1", "h2");
            assertEquals(1, r.code(), r::toString);
            JsonNode rows = new ObjectMapper().readTree(r.out());
            assertEquals(2, rows.size());
            assertTrue(rows.get(0).get("ok").asBoolean());
            assertFalse(rows.get(1).get("ok").asBoolean());
            assertEquals("CONNECTION_REFUSED", rows.get(1).get("kind").asText());
            assertTrue(rows.get(1).get("hint").asText().contains("is sshd running on h2"), r::toString);
        } finally {
            hosts.startSshd(2);
        }
    }

    @Test
    void unknownHostKeyIsAFailureWithTheTrustHint() throws Exception {
        CliRun.Outcome r = remote("test-connections", "--registry", registryWithoutKeys(), "h3");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("✗ h3  " + hosts.ip(3) + "  unknown host key ssh-ed25519 SHA256:"), r::toString);
        assertTrue(r.out().contains("portoser remote trust h3"), r::toString);
    }

    @Test
    void execStreamsPrefixedLinesAndReturnsTheWorstExit() {
        CliRun.Outcome r = remote("exec", "--registry", reg(), "h1", "h2", "--",
                // A dockerd in the namespace adds its bridges' addresses (docker0 …): keep to the harness subnet's.
                "a=$(hostname -I | tr ' ' '\\n' | grep -F " + TestHosts.SUBNET + ".); echo at $a; [ \"$a\" = " + hosts.ip(1) + " ] || exit 5");
        assertEquals(5, r.code(), r::toString);
        assertTrue(r.out().contains("[h1] at " + hosts.ip(1)), r::toString);
        assertTrue(r.out().contains("[h2] at " + hosts.ip(2)), r::toString);
        assertTrue(r.err().contains("[h2] exit 5"), r::toString);
    }

    @Test
    void execAllWithSeparateWordsLikeSsh() {
        CliRun.Outcome r = remote("exec", "--registry", reg(), "--all", "--", "echo", "hello");
        assertEquals(0, r.code(), r::toString);
        for (int i = 1; i <= 3; i++) assertTrue(r.out().contains("[h" + i + "] hello"), r::toString);
    }

    @Test
    void execOnAnUnreachableHostIs255() {
        hosts.stopSshd(3);
        try {
            CliRun.Outcome r = remote("exec", "--registry", reg(), "h3", "--", "true");
            assertEquals(255, r.code(), r::toString);
            assertTrue(r.err().contains("✗ h3: connection refused"), r::toString);
        } finally {
            hosts.startSshd(3);
        }
    }

    @Test
    void execUnknownHostIsBadInputWithASuggestion() {
        CliRun.Outcome r = remote("exec", "--registry", reg(), "h9", "--", "true");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("✗ unknown host `h9`"), r::toString);
        assertTrue(r.err().contains("hosts: h1, h2, h3"), r::toString);
        assertFalse(r.err().contains("at commands."), "no stack trace without --verbose");
    }

    @Test
    void systemInfoInJson() throws Exception {
        CliRun.Outcome r = remote("system-info", "--registry", reg(), "--json", "h2");
        assertEquals(0, r.code(), r::toString);
        JsonNode info = new ObjectMapper().readTree(r.out()).get("info");
        assertEquals(Runtime.getRuntime().availableProcessors(), info.get("cpus").asInt());
        assertEquals(hosts.srv(2).toString(), info.get("disk_path").asText());
        assertTrue(info.get("memory_total_bytes").asLong() > 0, r::toString);
    }

    @Test
    void systemInfoAsText() {
        CliRun.Outcome r = remote("system-info", "--registry", reg(), "h1");
        assertEquals(0, r.code(), r::toString);
        for (String k : new String[] {"os ", "arch ", "cpus ", "memory ", "disk ", "docker ", "compose "}) assertTrue(r.out().contains(k), k + "\n" + r);
    }

    @Test
    void trustNeedsConfirmationThenRecordsTheKey() throws Exception {
        String reg = registryWithoutKeys();
        CliRun.Outcome refused = remote("trust", "--registry", reg, "h1");
        assertEquals(3, refused.code(), refused::toString);
        assertTrue(refused.out().contains("presents ssh-ed25519 SHA256:"), refused::toString);
        assertTrue(refused.err().contains("--yes"), refused::toString);

        CliRun.Outcome ok = remote("trust", "--registry", reg, "h1", "--yes");
        assertEquals(0, ok.code(), ok::toString);
        Path kh = tmp.resolve("home/known_hosts");
        assertTrue(Files.readString(kh).startsWith(hosts.ip(1) + " ssh-ed25519 AAAA"), Files.readString(kh));
        assertEquals(0, remote("test-connections", "--registry", reg, "h1").code(), "trusted now");
        CliRun.Outcome again = remote("trust", "--registry", reg, "h1", "--yes");
        assertTrue(again.out().contains("already trusted"), again::toString);
    }

    @Test
    void trustNeverReplacesAChangedKey() throws Exception {
        String otherKey = Files.readString(hosts.dir().resolve("h2/ssh_host_ed25519_key.pub")).split(" ")[1];
        Path kh = Files.createDirectories(tmp.resolve("home")).resolve("known_hosts");
        Files.writeString(kh, hosts.ip(1) + " ssh-ed25519 " + otherKey + "\n");
        CliRun.Outcome r = remote("trust", "--registry", registryWithoutKeys(), "h1", "--yes");
        assertEquals(3, r.code(), r::toString);
        assertTrue(r.err().contains("HOST KEY CHANGED"), r::toString);
        assertTrue(r.err().contains(kh + ":1"), r::toString);
        assertEquals(hosts.ip(1) + " ssh-ed25519 " + otherKey + "\n", Files.readString(kh), "file untouched");
    }

    @Test
    void localHostNeedsNoSsh() throws Exception {
        Path r = Files.writeString(tmp.resolve("local.yml"), "hosts:\n  me: {ip: 127.0.0.1, path: " + tmp + "}\n");
        CliRun.Outcome t = remote("test-connections", "--registry", r.toString());
        assertEquals(0, t.code(), t::toString);
        assertTrue(t.out().contains("local (no SSH)"), t::toString);
        assertTrue(remote("trust", "--registry", r.toString(), "me").out().contains("is this machine"));
    }
}

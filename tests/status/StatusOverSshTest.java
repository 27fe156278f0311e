package status;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import commands.Status;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import support.CliRun;

/**
 * `status` over real SSH to three namespace hosts. Each host's own sshd plays the service: a real process (its PID
 * file) holding a real port (22) on that host, checked by a TCP health check from here.
 */
class StatusOverSshTest {
    static TestHosts hosts;
    static Path registry;

    @BeforeAll
    static void hosts() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
        StringBuilder services = new StringBuilder("services:\n");
        for (int i = 1; i <= 3; i++) {
            services.append("  sshd").append(i).append(": {current_host: h").append(i)
                    .append(", deployment_type: local, service_file: s.yml, port: 22, healthcheck: {tcp: 22}}\n");
        }
        // Beside the harness registry so its known_hosts is used, as a user's project folder would be.
        registry = hosts.dir().resolve("status-test.yml");
        Files.writeString(registry, Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "") + services);
    }

    @BeforeEach
    void pidFilesPointAtEachSshd() throws Exception {
        for (int i = 1; i <= 3; i++) {
            Path run = Files.createDirectories(hosts.srv(i).resolve(".portoser/run"));
            Files.writeString(run.resolve("sshd" + i + ".pid"), Files.readString(hosts.dir().resolve("h" + i + "/sshd.pid")));
        }
    }

    /** The pid files name sshd: left behind, another test's clean-up (kill every pid file's group) would kill sshd. */
    @org.junit.jupiter.api.AfterEach
    void removeThePidFiles() throws Exception {
        for (int i = 1; i <= 3; i++) Files.deleteIfExists(hosts.srv(i).resolve(".portoser/run/sshd" + i + ".pid"));
    }

    static Map<String, JsonNode> byName(JsonNode array) {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode n : array) m.put(n.get("name").asText(), n);
        return m;
    }

    @Test
    void reportsEveryHostAndServiceOverOneConnectionPerHost() throws Exception {
        long[] before = new long[4];
        for (int i = 1; i <= 3; i++) before[i] = hosts.acceptedLogins(i);
        CliRun.Outcome r = CliRun.run(new Status(), "--registry", registry.toString(), "--json", "--check");
        assertEquals(0, r.code(), r::toString);
        JsonNode report = new ObjectMapper().readTree(r.out());
        Map<String, JsonNode> h = byName(report.get("hosts"));
        Map<String, JsonNode> s = byName(report.get("services"));
        for (int i = 1; i <= 3; i++) {
            assertTrue(h.get("h" + i).get("reachable").asBoolean(), r::toString);
            assertFalse(h.get("h" + i).get("local").asBoolean(), "namespace hosts are reached over SSH");
            assertEquals("healthy", s.get("sshd" + i).get("state").asText(), r::toString);
            assertTrue(s.get("sshd" + i).get("port_listening").asBoolean());
            assertTrue(s.get("sshd" + i).get("detail").asText().contains("sshd"), "the PID is sshd's: " + s.get("sshd" + i));
            assertEquals(1, hosts.acceptedLogins(i) - before[i], "one SSH connection to h" + i + " for the whole status run");
        }
    }

    @Test
    void aStoppedSshdMakesOneHostDownAndLeavesTheOthersReported() throws Exception {
        hosts.stopSshd(2);
        try {
            long start = System.nanoTime();
            CliRun.Outcome r = CliRun.run(new Status(), "--registry", registry.toString(), "--json");
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertEquals(0, r.code(), r::toString);
            JsonNode report = new ObjectMapper().readTree(r.out());
            JsonNode h2 = byName(report.get("hosts")).get("h2");
            assertFalse(h2.get("reachable").asBoolean());
            assertTrue(h2.get("error").asText().contains("refused"), h2::toString);
            assertFalse(h2.get("hint").asText().isBlank(), h2::toString);
            Map<String, JsonNode> s = byName(report.get("services"));
            assertEquals("unknown", s.get("sshd2").get("state").asText());
            assertEquals("healthy", s.get("sshd1").get("state").asText());
            assertEquals("healthy", s.get("sshd3").get("state").asText());
            assertTrue(millis < 10_000, "a refused connection is reported at once, took " + millis + " ms");
            assertEquals(1, CliRun.run(new Status(), "--registry", registry.toString(), "--check").code());
            CliRun.Outcome table = CliRun.run(new Status(), "--registry", registry.toString(), "--no-color");
            assertTrue(table.out().matches("(?s).*\\nh2 +" + java.util.regex.Pattern.quote(hosts.ip(2)) + " +down .*refused.*"), table::toString);
        } finally {
            hosts.startSshd(2);
        }
    }
}

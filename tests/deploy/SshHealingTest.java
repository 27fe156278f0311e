package deploy;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import harness.TestHosts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.solve.PatternLoader;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * ssh_unreachable through `portoser deploy`: harness host 3's sshd really stopped (connection refused) or paused (a hung
 * host: connections time out). The deploy diagnoses it within the connect timeout, retries connecting with backoff for
 * 3 connect timeouts, and either goes on when sshd comes back during the backoff, or gives up with the last error.
 * The give-up runs are a real `portoser` process with PORTOSER_CONNECT_TIMEOUT=2 (a 6 s wait), as a user would set it.
 */
class SshHealingTest {
    static final int H = 3, PORT = 18595;
    static TestHosts hosts;
    @TempDir
    Path home;
    LocalCluster cluster;
    Thread starter;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
    }

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("portoser.home", home.toString());
        cluster = new LocalCluster(hosts.dir().resolve("ssh-heal.yml"));
        cluster.host("h" + H, hosts.ip(H), hosts.srv(H), "ssh_key: " + hosts.key())
                .local("sshheal", "h" + H, "exec busybox httpd -f -p " + PORT, "port: " + PORT + ", healthcheck: {tcp: " + PORT + "}").write();
        // Patterns compiled into this home's cache now, so the timings below are the loop's, not javac's.
        assertTrue(new PatternLoader(PatternLoader.defaults().dir(), home.resolve("cache/patterns")).load().errors().isEmpty());
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            if (starter != null) starter.join(20_000);
            hosts.resumeSshd(H);
        } catch (IllegalStateException notPaused) {
            // resume-sshd fails when sshd is not running (stopped, not paused): start it below
        } finally {
            hosts.startSshd(H);
            cluster.killAll();
            System.clearProperty("portoser.home");
        }
    }

    @Test
    void sshdThatComesBackDuringTheBackoffLetsTheDeployGoOn() throws Exception {
        hosts.stopSshd(H);
        starter = new Thread(() -> {
            try {
                // ~1.5 s after the loop observed the host down (observations are written before the backoff starts)
                Path obs = home.resolve("observations");
                for (int i = 0; i < 400 && !(Files.isDirectory(obs) && Files.list(obs).findAny().isPresent()); i++) Thread.sleep(50);
                Thread.sleep(1500);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            } finally {
                hosts.startSshd(H);
            }
        });
        long t0 = System.nanoTime();
        starter.start();
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", cluster.registryFile.toString(), "sshheal", "--json-output");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.code(), r::toString);
        assertTrue(ms >= 1500, "it waited for the host: " + ms);
        JsonNode svc = Json.MAPPER.readTree(r.out()).get("services").get(0);
        assertEquals("deployed", svc.get("result").asText());
        assertEquals("preflight,observe,diagnose,solve,preflight,sync,up,health", String.join(",", svc.get("phases").findValuesAsText("name")));
        JsonNode problem = svc.get("problems").get(0);
        assertEquals("ssh_unreachable", problem.get("fingerprint").asText());
        assertTrue(problem.get("evidence").get(0).asText().contains("connection refused at " + hosts.ip(H) + ":22"), problem.toString());
        JsonNode action = svc.get("actions").get(0);
        assertEquals("retry", action.get("status").asText(), action.toString());
        assertTrue(action.get("message").asText().matches("h3 answered after \\d+ ms \\((\\d+) attempts\\): retry now"), action.toString());
        assertTrue(action.get("steps").get(0).get("description").asText().startsWith("reconnect over SSH to h3: answered after"), action.toString());
        assertEquals("healed", svc.get("healing").get(0).get("result").asText());
        assertTrue(r.err().contains("✗ ssh_unreachable"), r.err());
        assertTrue(Files.exists(cluster.pidFile("sshheal")), "started on h3");
    }

    @Test
    void sshdThatStaysStoppedIsDiagnosedAtOnceWaitedForThreeConnectTimeoutsAndGivenUp() throws Exception {
        hosts.stopSshd(H);
        Run run = portoser(2, "deploy", "--registry", cluster.registryFile.toString(), "sshheal", "--json-output");
        assertEquals(1, run.code(), run::toString);
        JsonNode svc = Json.MAPPER.readTree(run.out()).get("services").get(0);
        assertEquals("ssh_unreachable", svc.get("problems").get(0).get("fingerprint").asText(), svc.toString());
        // A refused connection is known at once: within the 2 s connect timeout (plus a cold JVM's first SSH set-up).
        assertTrue(run.between("Plan: ", "✗ ssh_unreachable") < 2000 + 2000, "refused: diagnosed within the connect timeout\n" + run);
        JsonNode fix = svc.get("actions").get(0);
        assertEquals("gave_up", fix.get("status").asText(), fix.toString());
        assertTrue(fix.get("message").asText().matches("h3 still unreachable after \\d+ attempts in 6000 ms; last error \\(CONNECTION_REFUSED\\): "
                + "connection refused at " + hosts.ip(H).replace(".", "\\.") + ":22.*"), fix.toString());
        long backoff = run.between("reconnect over SSH to h3: for up to 6000 ms", "solve ssh_unreachable: gave_up");
        assertTrue(backoff >= 6000 && backoff < 6000 + 3000, "waited 3 connect timeouts, then gave up: " + backoff + " ms");
        assertEquals("stopped", svc.get("healing").get(0).get("result").asText());
        assertTrue(run.err().contains("self-healing: h3 still unreachable after"), run.err());
        assertFalse(Files.exists(cluster.remoteDir("h" + H, "sshheal")), "nothing was synced");
    }

    @Test
    void aHungSshdIsDiagnosedWithinTheConnectTimeoutAndGivenUp() throws Exception {
        hosts.pauseSshd(H);
        Run run = portoser(2, "deploy", "--registry", cluster.registryFile.toString(), "sshheal", "--json-output");
        assertEquals(1, run.code(), run::toString);
        JsonNode svc = Json.MAPPER.readTree(run.out()).get("services").get(0);
        JsonNode problem = svc.get("problems").get(0);
        assertEquals("ssh_unreachable", problem.get("fingerprint").asText(), svc.toString());
        assertTrue(problem.get("summary").asText().contains("(timeout)"), problem.toString());
        // preflight's connection and observe's each wait out the 2 s connect timeout, no longer
        long diagnosed = run.between("Plan: ", "✗ ssh_unreachable");
        assertTrue(diagnosed >= 2 * 2000 - 500 && diagnosed < 2 * 2000 + 4000, "two connect timeouts: " + diagnosed + " ms\n" + run);
        JsonNode fix = svc.get("actions").get(0);
        assertEquals("gave_up", fix.get("status").asText());
        assertTrue(fix.get("message").asText().contains("last error (TIMEOUT)"), fix.toString());
        long backoff = run.between("reconnect over SSH to h3: for up to 6000 ms", "solve ssh_unreachable: gave_up");
        assertTrue(backoff >= 6000 && backoff < 6000 + 2000 + 2500, "3 connect timeouts plus the last attempt's: " + backoff + " ms\n" + run);
    }

    // ---- helpers

    /** A finished `portoser` process: exit code, stdout, and each stderr line with when it arrived (ms after start). */
    record Run(int code, String out, List<Line> lines) {
        record Line(long ms, String text) {}

        String err() { return String.join("\n", lines.stream().map(Line::text).toList()); }

        /** Milliseconds from the first line containing {@code a} to the first later line containing {@code b}. */
        long between(String a, String b) {
            Line from = lines.stream().filter(l -> l.text().contains(a)).findFirst().orElseThrow(() -> new AssertionError("no '" + a + "' in\n" + err()));
            Line to = lines.stream().filter(l -> l.ms() >= from.ms() && l.text().contains(b)).findFirst()
                    .orElseThrow(() -> new AssertionError("no '" + b + "' after '" + a + "' in\n" + err()));
            return to.ms() - from.ms();
        }

        @Override
        public String toString() {
            return "exit " + code + "\n--- out\n" + out + "--- err\n" + String.join("\n", lines.stream().map(l -> l.ms() + " " + l.text()).toList());
        }
    }

    /** `portoser ARGS` as its own process: PORTOSER_HOME = this test's home, the given connect timeout (seconds). */
    Run portoser(int connectTimeout, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "portoser"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(Path.of(System.getProperty("portoser.root", ".")).toFile());
        pb.environment().put("PORTOSER_HOME", home.toString());
        pb.environment().put("PORTOSER_CONNECT_TIMEOUT", String.valueOf(connectTimeout));
        long t0 = System.nanoTime();
        Process p = pb.start();
        List<Run.Line> lines = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
        Thread err = new Thread(() -> {
            try (var r = new java.io.BufferedReader(new java.io.InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String l; (l = r.readLine()) != null; ) lines.add(new Run.Line((System.nanoTime() - t0) / 1_000_000, l));
            } catch (java.io.IOException e) {
                lines.add(new Run.Line(-1, "stderr: " + e));
            }
        });
        err.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "portoser did not end");
        err.join(10_000);
        return new Run(p.exitValue(), out, List.copyOf(lines));
    }
}

package deploy;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import harness.TestHosts;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * docker_daemon_down healed end to end by `portoser deploy`: harness host 2's dockerd really stopped, the registry
 * gives h2 a `docker_start_command` ({@link TestHosts#dockerStartCommand}), and the deploy diagnoses the stopped
 * daemon, starts it over SSH on the host, waits for it to answer and deploys a compose service that then serves
 * HTTP. The daemon that answers afterwards lives in sshd's mount namespace: proof that the host-side command
 * started it, not the harness.
 */
class DockerDaemonHealingTest {
    static final int H = 2, PORT = 18591;
    static final String SVC = "ddheal";
    static TestHosts hosts;
    @TempDir
    Path home;
    Path registry;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, H);
    }

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("portoser.home", home.toString());
        new ProcessBuilder("rm", "-rf", hosts.srv(H).resolve(SVC).toString()).start().waitFor(); // an earlier test's copy
        Path compose = Files.createDirectories(hosts.dir().resolve(SVC + "-svc/" + SVC)).resolve("compose.yml");
        Files.writeString(compose, "services:\n  web:\n    image: " + TestHosts.IMAGE_V1 + "\n    ports: [\"" + PORT + ":80\"]\n");
        String harness = Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "");
        String withStart = harness.replace("  h" + H + ":\n", "  h" + H + ":\n    docker_start_command: '" + hosts.dockerStartCommand(H) + "'\n");
        assertNotEquals(harness, withStart);
        registry = hosts.dir().resolve(SVC + "-registry.yml");
        Files.writeString(registry, withStart + "services:\n  " + SVC + ":\n    current_host: h" + H + "\n    deployment_type: docker\n"
                + "    docker_compose: " + SVC + "-svc/" + SVC + "/compose.yml\n    port: " + PORT + "\n"
                + "    healthcheck_url: http://{host}:" + PORT + "/version\n    healthcheck_interval: 200ms\n    healthcheck_retries: 50\n");
    }

    @AfterEach
    void tearDown() {
        try {
            hosts.dockerUp(H); // whichever way the test ended, the shared host gets its daemon back
            String ids = hosts.docker(H, "ps", "-aq", "--filter", "label=com.docker.compose.project=" + SVC);
            for (String id : ids.isBlank() ? new String[0] : ids.split("\n")) hosts.docker(H, "rm", "-f", id);
        } finally {
            System.clearProperty("portoser.home");
        }
    }

    @Test
    void aStoppedDaemonIsStartedOnTheHostWithItsDockerStartCommandAndTheDeploySucceeds() throws Exception {
        hosts.dockerDown(H);
        assertFalse(daemonAnswers(), "the daemon is really down");

        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry.toString(), SVC, "--json-output");
        assertEquals(0, r.code(), r::toString);
        JsonNode svc = Json.MAPPER.readTree(r.out()).get("services").get(0);
        assertEquals("deployed", svc.get("result").asText(), svc::toString);
        assertEquals("preflight,observe,diagnose,solve,preflight,sync,up,health", String.join(",", svc.get("phases").findValuesAsText("name")));
        JsonNode problem = svc.get("problems").get(0);
        assertEquals("docker_daemon_down", problem.get("fingerprint").asText());
        assertTrue(problem.get("evidence").get(0).asText().contains("@@daemon down|Cannot connect to the Docker daemon"), problem.toString());
        assertTrue(problem.get("hint").asText().startsWith("start it with the host's docker_start_command: mountpoint -q /sys/fs/cgroup"),
                problem.toString());
        JsonNode action = svc.get("actions").get(0);
        assertEquals("retry", action.get("status").asText(), action.toString());
        assertTrue(action.get("steps").get(0).get("description").asText().startsWith("start the docker daemon on the host: mountpoint"), action.toString());
        assertTrue(action.get("steps").get(0).get("done").asBoolean());
        assertTrue(action.get("steps").get(1).get("description").asText().startsWith("wait for docker info to answer"), action.toString());
        assertTrue(action.get("message").asText().matches("the docker daemon on h2 answers after \\d+ ms: retry now"), action.toString());
        assertEquals("healed", svc.get("healing").get(0).get("result").asText());
        assertTrue(r.err().contains("✗ docker_daemon_down"), r.err());

        assertEquals("1", get("/version"), "the compose service serves from the restarted daemon");
        assertEquals(mountNamespace(sshdPid()), mountNamespace(dockerdPid()), "dockerd was started in an SSH session of the host");
        assertNotEquals(mountNamespace(ProcessHandle.current().pid()), mountNamespace(dockerdPid()), "not by the harness from this machine");
        assertTrue(Files.readString(home.resolve("knowledge/problem_frequency.txt")).contains("|docker_daemon_down|" + SVC + "|h" + H), "learned");
    }

    @Test
    void withNoAutoHealTheStoppedDaemonIsDiagnosedAndLeftAlone() throws Exception {
        hosts.dockerDown(H);
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry.toString(), SVC, "--no-auto-heal");
        assertEquals(1, r.code(), r::toString);
        String all = r.out() + r.err();
        assertTrue(all.contains("the docker daemon does not answer"), "the raw preflight failure: " + all);
        assertTrue(all.contains("✗ docker_daemon_down") && all.contains("hint: start it with the host's docker_start_command: "), all);
        assertFalse(all.contains("solve docker_daemon_down"), all);
        assertFalse(daemonAnswers(), "nothing was started");
        assertFalse(Files.exists(hosts.srv(H).resolve(SVC)), "nothing was synced");
    }

    // ---- helpers

    static boolean daemonAnswers() {
        try {
            hosts.docker(H, "version");
            return true;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    static String get(String path) throws Exception {
        HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build().send(
                HttpRequest.newBuilder(URI.create("http://" + hosts.ip(H) + ":" + PORT + path)).timeout(Duration.ofSeconds(3)).build(),
                HttpResponse.BodyHandlers.ofString());
        return r.statusCode() == 200 ? r.body().strip() : "HTTP " + r.statusCode();
    }

    static long sshdPid() throws Exception {
        return Long.parseLong(Files.readString(hosts.dir().resolve("h" + H + "/sshd.pid")).strip());
    }

    static long dockerdPid() throws Exception {
        return Long.parseLong(Files.readString(hosts.dir().resolve("h" + H + "/docker/docker.pid")).strip());
    }

    static String mountNamespace(long pid) throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/mnt")).toString();
    }
}

package status;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import commands.Status;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * `status` against this machine for real: services backed by real listening servers and PID files (the test JVM's own
 * PID, a PID whose process has exited, no PID file), health by real HTTP, TCP and commands on the host.
 */
class StatusCommandTest {
    @TempDir
    static Path dir;

    static HttpServer healthy, sick;
    static ServerSocket plainTcp;
    static Path registry;

    @BeforeAll
    static void start() throws Exception {
        healthy = server(200);
        sick = server(500);
        plainTcp = new ServerSocket(0);
        Path run = Files.createDirectories(dir.resolve("srv/.portoser/run"));
        String me = String.valueOf(ProcessHandle.current().pid());
        for (String s : new String[] {"up", "sick", "tcp", "cmdok", "cmdbad"}) Files.writeString(run.resolve(s + ".pid"), me + "\n");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(run.resolve("stale.pid"), gone.pid() + "\n");
        // A real zombie: the child exits and its parent, exec'd into sleep, never reaps it.
        zombieParent = new ProcessBuilder("sh", "-c", "sleep 0 & echo $! > " + run.resolve("zombie.pid") + "; exec sleep 60").start();
        for (int i = 0; i < 50 && !isZombie(run.resolve("zombie.pid")); i++) Thread.sleep(100);
        assertTrue(isZombie(run.resolve("zombie.pid")), "the test needs a zombie");
        // A PID whose recorded start time is not the process's: the PID was reused by another program.
        Files.writeString(run.resolve("reused.pid"), me + "\n");
        Files.writeString(run.resolve("reused.meta"), "start=1\ncommand=old\n");
        registry = dir.resolve("registry.yml");
        Files.writeString(registry, """
                hosts:
                  here:
                    ip: 127.0.0.1
                    path: %s
                services:
                  up:     {current_host: here, deployment_type: local, service_file: s.yml, port: %d, healthcheck_url: "http://{host}:%d/health"}
                  sick:   {current_host: here, deployment_type: local, service_file: s.yml, port: %d, healthcheck_url: "http://{host}:%d/health"}
                  tcp:    {current_host: here, deployment_type: local, service_file: s.yml, port: %d, healthcheck: {tcp: %d}}
                  cmdok:  {current_host: here, deployment_type: local, service_file: s.yml, healthcheck: {cmd: "test -d %s"}}
                  cmdbad: {current_host: here, deployment_type: local, service_file: s.yml, healthcheck: {cmd: "exit 3"}}
                  stale:  {current_host: here, deployment_type: local, service_file: s.yml, port: 1}
                  down:   {current_host: here, deployment_type: local, service_file: s.yml}
                  zombie: {current_host: here, deployment_type: local, service_file: s.yml}
                  reused: {current_host: here, deployment_type: local, service_file: s.yml}
                """.formatted(dir.resolve("srv"), port(healthy), port(healthy), port(sick), port(sick),
                plainTcp.getLocalPort(), plainTcp.getLocalPort(), dir));
    }

    static Process zombieParent;

    static boolean isZombie(Path pidFile) throws Exception {
        if (!Files.exists(pidFile) || Files.readString(pidFile).isBlank()) return false;
        Path stat = Path.of("/proc", Files.readString(pidFile).trim(), "stat");
        return Files.exists(stat) && Files.readString(stat).replaceAll("^.*\\) ", "").startsWith("Z");
    }

    @AfterAll
    static void stop() throws Exception {
        zombieParent.destroyForcibly();
        healthy.stop(0);
        sick.stop(0);
        plainTcp.close();
    }

    static HttpServer server(int code) throws Exception {
        HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        s.createContext("/health", ex -> { ex.sendResponseHeaders(code, -1); ex.close(); });
        s.start();
        return s;
    }

    static int port(HttpServer s) { return s.getAddress().getPort(); }

    static Map<String, JsonNode> servicesByName(String json) throws Exception {
        Map<String, JsonNode> m = new HashMap<>();
        for (JsonNode s : new ObjectMapper().readTree(json).get("services")) m.put(s.get("name").asText(), s);
        return m;
    }

    @Test
    void reportsEveryServiceStateFromRealFacts() throws Exception {
        CliRun.Outcome r = CliRun.run(new Status(), "--registry", registry.toString(), "--json");
        assertEquals(0, r.code(), r::toString);
        Map<String, JsonNode> s = servicesByName(r.out());
        assertEquals("healthy", s.get("up").get("state").asText(), r::toString);
        assertTrue(s.get("up").get("port_listening").asBoolean());
        assertEquals("HTTP 200", s.get("up").get("health").get("detail").asText());
        assertEquals("unhealthy", s.get("sick").get("state").asText());
        assertEquals("HTTP 500", s.get("sick").get("health").get("detail").asText());
        assertEquals("healthy", s.get("tcp").get("state").asText());
        assertEquals("healthy", s.get("cmdok").get("state").asText());
        assertEquals("unhealthy", s.get("cmdbad").get("state").asText());
        assertEquals("exit 3", s.get("cmdbad").get("health").get("detail").asText());
        assertEquals("stopped", s.get("stale").get("state").asText());
        assertTrue(s.get("stale").get("detail").asText().startsWith("stale PID file: process "));
        assertEquals("stopped", s.get("down").get("state").asText());
        assertEquals("stopped", s.get("zombie").get("state").asText(), "a zombie is not a running service");
        assertTrue(s.get("zombie").get("detail").asText().endsWith(" is gone"), s.get("zombie")::toString);
        assertEquals("stopped", s.get("reused").get("state").asText());
        assertEquals("stale PID file: process " + ProcessHandle.current().pid() + " is another program now",
                s.get("reused").get("detail").asText());
        assertEquals(ProcessHandle.current().pid(), s.get("up").get("pid").asLong());
        JsonNode host = new ObjectMapper().readTree(r.out()).get("hosts").get(0);
        assertTrue(host.get("local").asBoolean(), "127.0.0.1 runs locally, without SSH");
        assertTrue(host.get("reachable").asBoolean());
        assertEquals(3, host.get("load").size());
    }

    @Test
    void tableNamesEveryServiceAndSummarizes() {
        CliRun.Outcome r = CliRun.run(new Status(), "--registry", registry.toString(), "--no-color");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().matches("(?s)HOST +ADDRESS +REACH.*\\nhere +127\\.0\\.0\\.1 +local .*"), r::toString);
        assertTrue(r.out().contains("1/1 hosts reachable, 3/9 services up"), r::toString);
        assertFalse(r.out().contains("\u001b["), "no colour when not on a terminal");
    }

    @Test
    void checkExitsOneUnlessEverythingIsUp() {
        assertEquals(1, CliRun.run(new Status(), "--registry", registry.toString(), "--check").code());
        CliRun.Outcome onlyUp = CliRun.run(new Status(), "--registry", registry.toString(), "--check", "up", "tcp", "cmdok");
        assertEquals(0, onlyUp.code(), onlyUp::toString);
        assertFalse(onlyUp.out().contains("sick"));
    }

    @Test
    void unknownServiceIsBadInputWithSuggestion() {
        CliRun.Outcome r = CliRun.run(new Status(), "--registry", registry.toString(), "upp");
        assertEquals(2, r.code());
        assertEquals("✗ unknown service 'upp'\n  hint: did you mean `up`?\n", r.err());
    }

    @Test
    void brokenRegistryStopsBeforeTouchingAnyHost() throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "hosts:\n  here: {ip: 127.0.0.1, path: /tmp}\nservices:\n  a: {current_host: nowhere, deployment_type: local, service_file: s}\n");
        CliRun.Outcome r = CliRun.run(new Status(), "--registry", bad.toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains(bad + ":4:21: services.a.current_host: unknown host 'nowhere' (hosts are: here)"), r::toString);
        assertEquals("", r.out());
    }

    @Test
    void missingRegistryIsBadInput() {
        CliRun.Outcome r = CliRun.run(new Status(), "--registry", dir.resolve("nope.yml").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("✗ registry not found: "), r::toString);
    }
}

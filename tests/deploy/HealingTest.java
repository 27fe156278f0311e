package deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.diagnose.Evidence;
import lib.diagnose.Problem;
import lib.knowledge.KnowledgeDir;
import lib.solve.Action;
import lib.solve.Outcome;
import lib.standardize.Learner;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * The self-healing loop inside `portoser deploy`, with real processes and ports on this machine (real LocalRunner,
 * real patterns from patterns/, busybox httpd as the port holder). No mocks.
 */
class HealingTest {
    static final int WEB = 18561, ORPHAN = 18562, RAW = 18563;

    @TempDir
    Path tmp;
    LocalCluster cluster;
    String registry;
    final List<Process> foreign = new ArrayList<>();

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("portoser.home", tmp.resolve("home").toString());
        cluster = LocalCluster.in(tmp).host("local", "127.0.0.1", null)
                .local("web", "local", "exec busybox httpd -f -p 127.0.0.1:" + WEB, "port: " + WEB + ", healthcheck: {tcp: " + WEB + "}")
                .local("orphan", "local", "busybox httpd -f -p 127.0.0.1:" + ORPHAN + " &\nexec sleep 600",
                        "port: " + ORPHAN + ", healthcheck: {tcp: " + ORPHAN + "}")
                .local("raw", "local", "exec busybox httpd -f -p 127.0.0.1:" + RAW, "port: " + RAW)
                .local("bad", "local", "echo 'bad: cannot open config.toml' >&2; exit 3", null);
        cluster.write();
        registry = cluster.registryFile.toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.killAll();
        for (Process p : foreign) p.destroyForcibly();
        // The orphan test's leftover (if healing failed): whoever listens on its port, by pid.
        sh("for p in $(ss -Hltnp 'sport = :" + ORPHAN + "' | grep -o 'pid=[0-9]*' | cut -d= -f2); do kill -9 $p; done");
        System.clearProperty("portoser.home");
    }

    @Test
    void anUnrelatedPortHolderIsKilledOnlyWithYesAndAHealthyRedeployIsNoConflict() throws Exception {
        // The knowledge base first: a recorded playbook for port_conflict on web@local leads the solver.
        Problem seen = new Problem("port_conflict", "web", "local", Problem.Severity.HIGH, 0.95,
                List.of(new Evidence("port", 0, "@@holder")), "port held", "stop it", Map.of());
        new Learner(new KnowledgeDir(tmp.resolve("home/knowledge")), Clock.systemUTC()).record(seen,
                Outcome.fixed(List.of(Action.planned("stop the process holding the port", "true", true).ran()), "ok"), "deploy-earlier", true);

        Process holder = daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + WEB);
        waitListening(WEB);

        CliRun.Outcome refused = CliRun.run(new Deploy(), "--registry", registry, "web");
        assertEquals(1, refused.code(), refused::toString);
        String all = refused.out() + refused.err();
        assertTrue(all.contains("✗ port_conflict"), all);
        assertTrue(all.contains("evidence: [port #"), "the evidence line is shown: " + all);
        assertTrue(all.contains("pid " + holder.pid()) && all.contains("busybox httpd -f -p 127.0.0.1:" + WEB), "holder named: " + all);
        assertTrue(all.contains("--yes"), all);
        assertTrue(all.contains("recorded playbook handed to the pattern (tried first where it has a choice): stop the process holding the port"), all);
        assertTrue(holder.isAlive() && listening(WEB), "not killed without --yes");
        assertFalse(Files.exists(cluster.pidFile("web")), "nothing deployed");

        CliRun.Outcome healed = CliRun.run(new Deploy(), "--registry", registry, "web", "--yes", "--json-output");
        assertEquals(0, healed.code(), healed::toString);
        assertTrue(holder.waitFor(5, TimeUnit.SECONDS), "the unrelated holder was killed");
        JsonNode web = Json.MAPPER.readTree(healed.out()).get("services").get(0);
        assertEquals("deployed", web.get("result").asText());
        assertEquals("preflight,observe,diagnose,solve,preflight,sync,up,health", String.join(",", web.get("phases").findValuesAsText("name")));
        for (JsonNode p : web.get("phases")) assertTrue(p.get("duration_ms").isNumber());
        JsonNode problem = web.get("problems").get(0);
        assertEquals("port_conflict", problem.get("fingerprint").asText());
        assertTrue(problem.get("confidence").asDouble() > 0.9);
        assertTrue(problem.get("evidence").get(0).asText().contains(String.valueOf(holder.pid())), problem.toString());
        JsonNode action = web.get("actions").get(0);
        assertEquals("fixed", action.get("status").asText());
        assertTrue(action.get("playbook").asBoolean(), "the knowledge base led: " + action);
        assertTrue(action.get("steps").get(0).get("done").asBoolean());
        assertEquals("healed", web.get("healing").get(0).get("result").asText());
        assertTrue(Files.readString(tmp.resolve("home/knowledge/problem_frequency.txt")).contains("|port_conflict|web|local"));
        assertTrue(Files.size(tmp.resolve("home/observations").resolve(Json.MAPPER.readTree(healed.out()).get("id").asText() + ".jsonl")) > 0);

        // Redeploying the healthy running service: its own port holder is no conflict, nothing is healed or killed.
        CliRun.Outcome again = CliRun.run(new Deploy(), "--registry", registry, "web", "--yes", "--json-output");
        assertEquals(0, again.code(), again::toString);
        JsonNode web2 = Json.MAPPER.readTree(again.out()).get("services").get(0);
        assertEquals("preflight,sync,up,health", String.join(",", web2.get("phases").findValuesAsText("name")));
        assertFalse(web2.has("problems"), web2.toString());
        assertFalse(again.err().contains("port_conflict"), again.err());
    }

    @Test
    void aStalePidFileWithAnOrphanHoldingThePortIsHealedWithoutAsking() throws Exception {
        assertEquals(0, CliRun.run(new Deploy(), "--registry", registry, "orphan").code());
        String leader = Files.readString(cluster.pidFile("orphan")).strip();
        sh("kill -9 " + leader); // the leader dies; its httpd child lives on in its process group, holding the port
        for (int i = 0; i < 50 && Files.exists(Path.of("/proc/" + leader)); i++) Thread.sleep(50);
        assertTrue(listening(ORPHAN), "the orphan still holds the port");

        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "orphan");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("✗ stale_process"), r.out());
        assertTrue(r.out().contains("solve stale_process: fixed"), r.out());
        assertFalse(r.out().contains("solve port_conflict"), "the orphan's port is the stale run's, not a second problem: " + r.out());
        assertFalse(r.out().contains("recorded playbook"), "no playbook recorded yet: " + r.out());
        assertTrue(r.out().contains("preflight ✗ observe ✓ diagnose ✗ solve ✓ preflight ✓ sync ✓ up ✓ health ✓"), r.out());
        assertNotEquals(leader, Files.readString(cluster.pidFile("orphan")).strip());
        assertTrue(Files.readString(tmp.resolve("home/knowledge/problem_frequency.txt")).contains("|stale_process|orphan|local"));
    }

    @Test
    void noAutoHealShowsTheRawFailureAndTheDiagnosisAndSolvesNothing() throws Exception {
        Process holder = daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + RAW);
        waitListening(RAW);
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "raw", "--no-auto-heal", "--yes");
        assertEquals(1, r.code(), r::toString);
        String all = r.out() + r.err();
        assertTrue(all.contains("port " + RAW + " is in use on local by pid " + holder.pid()), "raw failure: " + all);
        assertTrue(all.contains("✗ port_conflict") && all.contains("evidence: [port #"), "diagnosis: " + all);
        assertFalse(all.contains("solve "), all);
        assertTrue(holder.isAlive() && listening(RAW), "nothing killed, even with --yes");
        assertFalse(Files.exists(tmp.resolve("home/knowledge/problem_frequency.txt")), "nothing solved, nothing learned");
    }

    @Test
    void anUnknownFailureIsAnUnmatchedProblemWithItsEvidence() throws Exception {
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "bad", "--json-output");
        assertEquals(1, r.code(), r::toString);
        JsonNode bad = Json.MAPPER.readTree(r.out()).get("services").get(0);
        assertEquals("preflight,sync,up,observe,diagnose,solve", String.join(",", bad.get("phases").findValuesAsText("name")));
        JsonNode p = bad.get("problems").get(0);
        assertEquals("unmatched", p.get("fingerprint").asText());
        assertTrue(p.get("evidence").toString().contains("bad: cannot open config.toml"), p.toString());
        assertTrue(r.err().contains("✗ unmatched"), r.err());
        assertEquals("stopped", bad.get("healing").get(0).get("result").asText());
    }

    // ---- helpers

    private Process daemon(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        foreign.add(p);
        return p;
    }

    static boolean listening(int port) throws Exception {
        return !sh("ss -Hltn 'sport = :" + port + "'").isBlank();
    }

    static void waitListening(int port) throws Exception {
        for (int i = 0; i < 100 && !listening(port); i++) Thread.sleep(50);
        assertTrue(listening(port), "port " + port + " never came up");
    }

    static String sh(String cmd) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }
}

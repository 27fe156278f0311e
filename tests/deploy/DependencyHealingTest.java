package deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import commands.Restart;
import commands.Start;
import commands.Stop;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.deploy.state.Deployed;
import lib.deploy.state.StateStore;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * Preflight healing of dependencies outside the plan, and the loop in `start`/`restart`: real processes and ports on
 * this machine (real LocalRunner, real patterns, busybox httpd as services, dependency and port holder). No mocks.
 */
class DependencyHealingTest {
    static final int DB = 18571, API = 18572, WEB = 18573;

    @TempDir
    Path tmp;
    LocalCluster cluster;
    String registry;
    final List<Process> foreign = new ArrayList<>();
    final List<Thread> threads = new ArrayList<>();

    void cluster(int dbRetries) throws Exception {
        System.setProperty("portoser.home", tmp.resolve("home").toString());
        cluster = LocalCluster.in(tmp).host("local", "127.0.0.1", null)
                .local("db", "local", "exec busybox httpd -f -p 127.0.0.1:" + DB,
                        "port: " + DB + ", healthcheck: {tcp: " + DB + "}, healthcheck_interval: 500ms, healthcheck_retries: " + dbRetries)
                .local("api", "local", "exec busybox httpd -f -p 127.0.0.1:" + API,
                        "port: " + API + ", healthcheck: {tcp: " + API + "}, dependencies: [db]")
                .local("web", "local", "exec busybox httpd -f -p 127.0.0.1:" + WEB, "port: " + WEB + ", healthcheck: {tcp: " + WEB + "}");
        cluster.write();
        registry = cluster.registryFile.toString();
    }

    @BeforeEach
    void setUp() throws Exception {
        cluster(20);
    }

    @AfterEach
    void tearDown() throws Exception {
        for (Thread t : threads) t.join(10_000);
        cluster.killAll();
        for (Process p : foreign) p.destroyForcibly();
        System.clearProperty("portoser.home");
    }

    private void deployedButDown(String service) {
        new StateStore(tmp.resolve("home")).update(s -> s.with(service, Deployed.on("local")));
    }

    @Test
    void aDependencyThatComesUpLaterIsWaitedForWithBackoffAndTheRunGoesOn() throws Exception {
        deployedButDown("db");
        // Patterns compiled into this home's cache first: on a busy machine javac alone can outlast the 2 s below.
        assertTrue(new lib.solve.PatternLoader(lib.solve.PatternLoader.defaults().dir(), tmp.resolve("home/cache/patterns")).load().errors().isEmpty());
        Thread later = new Thread(() -> {
            try {
                // ~2 s after the loop observed it down (observations are written before the wait starts).
                Path obs = tmp.resolve("home/observations");
                for (int i = 0; i < 300 && !(Files.isDirectory(obs) && Files.list(obs).findAny().isPresent()); i++) Thread.sleep(50);
                Thread.sleep(2000);
                daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + DB);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        threads.add(later);
        long t0 = System.nanoTime();
        later.start();
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "api", "--json-output");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, r.code(), r::toString);
        assertTrue(ms >= 2000, "it waited for the dependency: " + ms);
        JsonNode report = Json.MAPPER.readTree(r.out());
        assertEquals(1, report.get("services").size(), "db was deployed before: not added to the plan");
        JsonNode api = report.get("services").get(0);
        assertEquals("api", api.get("service").asText());
        assertEquals("deployed", api.get("result").asText());
        assertEquals("preflight,observe,diagnose,solve,preflight,sync,up,health", String.join(",", api.get("phases").findValuesAsText("name")));
        JsonNode solve = api.get("phases").get(3);
        assertTrue(solve.get("duration_ms").asLong() >= 1000, "the solve phase is the wait: " + solve);
        assertEquals("dependency_not_ready", api.get("problems").get(0).get("fingerprint").asText());
        JsonNode action = api.get("actions").get(0);
        assertEquals("dependency_not_ready", action.get("fingerprint").asText());
        assertEquals("retry", action.get("status").asText(), action.toString());
        assertTrue(action.get("message").asText().contains("db became healthy after"), action.toString());
        assertEquals("healed", api.get("healing").get(0).get("result").asText());
        assertTrue(r.err().contains("✗ dependency_not_ready"), r.err());
        assertTrue(Files.exists(cluster.pidFile("api")));
    }

    @Test
    void aDependencyThatNeverComesUpIsACleanFailureWithinTheBound() throws Exception {
        cluster(4); // 4 × 500 ms: a 2 s bound
        deployedButDown("db");
        long t0 = System.nanoTime();
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "api", "--json-output");
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(1, r.code(), r::toString);
        assertTrue(ms < 20_000, "bounded: " + ms);
        String err = r.err();
        assertTrue(err.contains("✗ dependency_not_ready"), err);
        assertTrue(err.contains("db still not healthy after 2000 ms; last check (exit"), "names the dependency and its last check: " + err);
        assertTrue(err.contains("deploy or fix db first"), "the hint: " + err);
        assertTrue(err.contains("nothing was changed"), err);
        assertFalse(Files.exists(cluster.pidFile("api")), "the dependent was not started");
        assertFalse(Files.exists(cluster.remoteDir("local", "api")), "nothing synced");
        JsonNode report = Json.MAPPER.readTree(r.out());
        assertTrue(report.toString().contains("dependency_not_ready"), report.toString());
    }

    @Test
    void noAutoHealKeepsTheStopAndShowsTheDiagnosis() throws Exception {
        deployedButDown("db");
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "api", "--no-auto-heal");
        assertEquals(1, r.code(), r::toString);
        String all = r.out() + r.err();
        assertTrue(all.contains("✗ dependency_not_ready"), all);
        assertFalse(all.contains("solve "), all);
        assertFalse(Files.exists(cluster.pidFile("api")));
    }

    @Test
    void aNeverDeployedDependencyIsDeployedFirst() throws Exception {
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "api", "--json-output");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.err().contains("dependency db is not healthy and was never deployed on local: deploying it first (needed by api)"), r.err());
        JsonNode services = Json.MAPPER.readTree(r.out()).get("services");
        assertEquals("db", services.get(0).get("service").asText());
        assertEquals("deployed", services.get(0).get("result").asText());
        assertEquals("preflight,sync,up,health", String.join(",", services.get(0).get("phases").findValuesAsText("name")));
        assertEquals("api", services.get(1).get("service").asText());
        assertEquals("deployed", services.get(1).get("result").asText());
        assertTrue(cluster.started("db") < cluster.started("api"), "db first");
        assertTrue(new StateStore(tmp.resolve("home")).load().get("db").isPresent(), "recorded as deployed");
    }

    @Test
    void startAndRestartHealAPortConflictOnlyWithYes() throws Exception {
        assertEquals(0, CliRun.run(new Deploy(), "--registry", registry, "web").code());
        for (Object cmd : new Object[] {new Start(), new Restart()}) {
            String name = cmd.getClass().getSimpleName().toLowerCase();
            CliRun.Outcome stopped = CliRun.run(new Stop(), "--registry", registry, "web");
            assertEquals(0, stopped.code(), stopped::toString);
            HealingTest.sh("for i in $(seq 50); do ss -Hltn 'sport = :" + WEB + "' | grep -q . || break; sleep 0.1; done");
            Process holder = daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + WEB);
            HealingTest.waitListening(WEB);

            CliRun.Outcome refused = CliRun.run(fresh(name), "--registry", registry, "web");
            assertEquals(1, refused.code(), name + ": " + refused);
            String all = refused.out() + refused.err();
            assertTrue(all.contains("✗ port_conflict") && all.contains("--yes"), name + ": " + all);
            assertTrue(holder.isAlive(), name + ": not killed without --yes");

            CliRun.Outcome healed = CliRun.run(fresh(name), "--registry", registry, "web", "--yes", "--json-output");
            assertEquals(0, healed.code(), name + ": " + healed);
            assertTrue(holder.waitFor(5, TimeUnit.SECONDS), name + ": the holder was killed");
            JsonNode web = Json.MAPPER.readTree(healed.out()).get("services").get(0);
            assertEquals("deployed", web.get("result").asText());
            assertEquals("preflight,observe,diagnose,solve,preflight," + name + ",health",
                    String.join(",", web.get("phases").findValuesAsText("name")), name);
            assertEquals("healed", web.get("healing").get(0).get("result").asText());
        }
    }

    private static java.util.concurrent.Callable<Integer> fresh(String name) {
        return name.equals("start") ? new Start() : new Restart();
    }

    private Process daemon(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        synchronized (foreign) {
            foreign.add(p);
        }
        return p;
    }
}

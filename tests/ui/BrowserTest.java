package ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.registry.RegistryLoader;
import lib.server.Scope;
import lib.server.WebApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;

/**
 * The web UI in a real browser (Debian chromium through playwright-core, tests/ui/ui.mjs) against a real
 * `portoser web` whose registry places local services on two harness hosts reached over real SSH. Each scenario
 * is checked twice: by the page (what the user sees) and here (the registry file, the processes on the hosts, the
 * knowledge base). Screenshots of every page land in tests/ui/screenshots/.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserTest {
    static final Path ROOT = Path.of(System.getProperty("portoser.root", ".")).toAbsolutePath().normalize();

    UiCluster cluster;
    WebFixture web;
    String firstDeploy;

    @BeforeAll
    void start(@TempDir Path home) throws Exception {
        Browser.require();
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        cluster = new UiCluster(TestHosts.shared(2)).write();
        cluster.killAll();
        // Charts and uptime need a few samples within the test's time.
        System.setProperty("portoser.metrics.interval", "1000");
        System.setProperty("portoser.uptime.interval", "1000");
        web = WebFixture.start(new WebApp.Options(cluster.registry, home, "127.0.0.1", 0, false, ROOT.resolve("web-static")));
        firstDeploy = deploy("db", "api", "web");
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (web != null) web.close();
        } finally {
            System.clearProperty("portoser.metrics.interval");
            System.clearProperty("portoser.uptime.interval");
            if (cluster != null) cluster.killAll();
        }
    }

    @Test
    @Order(1)
    void dragToMoveSeeADiagnosisLiveAndRollBack() throws Exception {
        Browser.Run move = Browser.run("move", config(Map.of(
                "move", Map.of("service", "web", "from", "h2", "to", "h1"),
                "impact", Map.of("service", "db", "impacted", List.of("api", "web")))));
        assertEquals(0, move.exit(), move.output());
        assertTrue(move.passed("the card lands on h1 and the API agrees"), move.output());
        assertEquals("h1", hostOf("web"), "the registry file says where the card went");
        assertEquals("web", cluster.serves("web", 1), "web answers on h1");
        assertNull(cluster.serves("web", 2), "and no longer on h2");

        // A real fault: a foreign process holds cache's port on h2, so deploying cache finds a port_conflict.
        Path empty = Files.createDirectories(cluster.hosts.dir().resolve("ui-foreign"));
        Process foreign = new ProcessBuilder("ip", "netns", "exec", cluster.hosts.namespace(2), "busybox", "httpd", "-f",
                "-p", String.valueOf(UiCluster.port("cache")), "-h", empty.toString()).start();
        try {
            waitFor(() -> cluster.serves("cache", 2) != null, "the foreign listener on h2");
            Browser.Run diagnose = Browser.run("diagnose", config(Map.of("fault", Map.of("service", "cache", "host", "h2"))));
            assertEquals(0, diagnose.exit(), diagnose.output());
            assertTrue(diagnose.passed("the deploy log shows observe"), diagnose.output());
            // The first Deploy left the holder alone (killing needs confirmation); the confirmed second one removed it.
            assertTrue(foreign.waitFor(30, java.util.concurrent.TimeUnit.SECONDS), "the foreign holder was stopped by the allowed fix");
            assertEquals("cache", cluster.serves("cache", 2), "cache itself answers on its port now");
            Path frequency = web.home().resolve("knowledge/problem_frequency.txt");
            assertTrue(Files.readString(frequency).lines().anyMatch(l -> l.endsWith("|port_conflict|cache|h2")), Files.readString(frequency));
        } finally {
            foreign.destroyForcibly().waitFor();
        }

        Browser.Run back = Browser.run("rollback", config(Map.of("rollback", Map.of("to", firstDeploy, "service", "web"))));
        assertEquals(0, back.exit(), back.output());
        assertEquals("h2", hostOf("web"), "the rollback pointed the registry back at h2");
        waitFor(() -> "web".equals(cluster.serves("web", 2)), "web answering on h2 again");
        assertNull(cluster.serves("web", 1), "and no longer on h1");
    }

    @Test
    @Order(2)
    void monitoringRegistryValidationPhoneAndDarkViews() throws Exception {
        String before = Files.readString(cluster.registry);
        Browser.Run pages = Browser.run("pages", config(Map.of("edit", Map.of("service", "web"), "readToken", web.token(Scope.READ))));
        assertEquals(0, pages.exit(), pages.output());
        assertTrue(pages.passed("a read token sees the cluster without any button"), pages.output());
        assertEquals(before, Files.readString(cluster.registry), "a refused edit leaves the registry byte for byte");
        for (String page : List.of("login", "cluster", "dependencies", "log", "knowledge", "history", "monitoring", "registry")) {
            assertTrue(Files.size(Browser.SHOTS.resolve(page + ".png")) > 10_000, "screenshot of " + page);
        }
    }

    private Map<String, Object> config(Map<String, Object> scenario) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("url", web.url().toString());
        c.put("token", web.token(Scope.ADMIN));
        c.put("shots", Browser.SHOTS.toString());
        c.put("hosts", List.of("h1", "h2"));
        c.put("placement", UiCluster.placement());
        c.putAll(scenario);
        return c;
    }

    private String hostOf(String service) {
        return RegistryLoader.load(cluster.registry).services().get(service).currentHost();
    }

    /** Deploys through the API (bearer token) and waits for the job: the state the browser scenarios start from. */
    private String deploy(String... services) throws InterruptedException {
        WebFixture.Reply r = web.post("/api/deployment/deploy", Map.of("services", List.of(services)), Scope.DEPLOY);
        assertEquals(202, r.status(), r::toString);
        String id = r.json().get("deploy_id").asText();
        JsonNode job = null;
        for (long end = System.currentTimeMillis() + 180_000; System.currentTimeMillis() < end; Thread.sleep(200)) {
            job = web.get("/api/deployment/jobs/" + id, Scope.READ).json();
            if (!"running".equals(job.get("state").asText())) break;
        }
        assertEquals("ok", job.get("state").asText(), String.valueOf(job));
        return id;
    }

    private static void waitFor(java.util.function.BooleanSupplier ok, String what) throws InterruptedException {
        for (long end = System.currentTimeMillis() + 30_000; System.currentTimeMillis() < end; Thread.sleep(200)) {
            if (ok.getAsBoolean()) return;
        }
        throw new AssertionError("timed out waiting for " + what);
    }
}

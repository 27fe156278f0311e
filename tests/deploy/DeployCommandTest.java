package deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** `portoser deploy` through picocli, with the real LocalRunner on this machine. */
class DeployCommandTest {
    @TempDir
    Path tmp;
    LocalCluster cluster;
    String registry;

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("portoser.home", tmp.resolve("home").toString());
        cluster = LocalCluster.in(tmp).host("local", "127.0.0.1", null)
                .local("db", "local", "exec sleep 600", null)
                .local("api", "local", "exec sleep 600", "dependencies: [db], healthcheck: {cmd: 'test -f started'}, healthcheck_interval: 200ms")
                .local("bad", "local", "echo 'bad: cannot open config.toml' >&2; exit 3", null)
                .local("child", "local", "exec sleep 600", "dependencies: [bad]");
        cluster.write();
        registry = cluster.registryFile.toString();
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.killAll();
        System.clearProperty("portoser.home");
    }

    @Test
    void dryRunPrintsThePlanAndTouchesNothing() throws Exception {
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "--all", "--dry-run");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().startsWith("Plan: all services — 4 services in 2 waves\n  wave 1:\n    db@local  (local)\n"), r.out());
        CliRun.Outcome j = CliRun.run(new Deploy(), "--registry", registry, "api", "--dry-run", "--json");
        JsonNode plan = Json.MAPPER.readTree(j.out());
        assertEquals("db", plan.get("must_be_healthy").get(0).get("service").asText());
        assertFalse(Files.exists(tmp.resolve("hosts")), "no service folder synced, no PID file written");
        assertFalse(Files.exists(tmp.resolve("home/deployments")), "no history record");
        assertFalse(Files.exists(tmp.resolve("home/state.yml")), "no state");
    }

    @Test
    void jsonOutputIsOneDocumentOnStdoutWithProgressOnStderr() throws Exception {
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "db", "api", "--json-output");
        assertEquals(0, r.code(), r::toString);
        JsonNode doc = Json.MAPPER.readTree(r.out());
        assertEquals("ok", doc.get("result").asText());
        assertTrue(doc.get("id").asText().startsWith("deploy-"));
        JsonNode api = doc.get("services").get(1);
        assertEquals("api", api.get("service").asText());
        assertEquals("deployed", api.get("result").asText());
        assertEquals("preflight,sync,up,health", String.join(",", api.get("phases").findValuesAsText("name")));
        assertTrue(api.get("phases").get(3).get("duration_ms").isNumber());
        assertTrue(r.err().contains("[api@local] preflight ✓ sync ✓ up ✓ health ✓ "), r.err());
        assertTrue(cluster.started("api") > cluster.started("db"));
        assertTrue(Files.exists(tmp.resolve("home/deployments").resolve(doc.get("id").asText() + ".json")), "history recorded");
    }

    @Test
    void partialFailureDeploysWhatItCanSkipsDependentsAndExitsOne() throws Exception {
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "--all");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.out().contains("[bad@local]   preflight ✓ sync ✓ up "), r.out());
        assertTrue(r.out().contains("bad: cannot open config.toml"), "the log tail is shown: " + r.out());
        assertTrue(r.out().contains("[child@local] skipped: dependency bad failed"), r.out());
        assertTrue(r.out().matches("(?s).*\nSERVICE +HOST +RESULT +TIME +DETAIL\n.*"), r.out());
        assertTrue(r.out().contains("2/4 deployed, 1 failed, 1 skipped"), r.out());
        assertTrue(Files.exists(cluster.pidFile("api")), "independent services deployed");
    }

    @Test
    void unknownServiceIsBadInputWithASuggestion() {
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "apl");
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("unknown service 'apl'") && r.err().contains("did you mean `api`?"), r.err());
    }
}

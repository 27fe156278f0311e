package deploy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import commands.Apply;
import commands.Deploy;
import harness.TestHosts;
import java.nio.file.Path;
import lib.deploy.history.HistoryStore;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.CliRun.Outcome;

/** `apply --json`: stdout is exactly one JSON document (the diff and how each run went); progress goes to stderr. */
class ApplyJsonTest {
    @TempDir
    Path home;
    OpsCluster cluster;

    @BeforeEach
    void setUp() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        System.setProperty("portoser.home", home.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) cluster.killAll();
        System.clearProperty("portoser.home");
    }

    /** Fails unless the whole text is one JSON value: trailing text after it is an error too. */
    static JsonNode onlyJson(String stdout) throws Exception {
        return Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).readTree(stdout);
    }

    @Test
    void applyJsonPrintsOneDocumentWithTheDiffAndTheRunsAndProgressOnStderr() throws Exception {
        cluster = new OpsCluster("ops-json").service("opsjmv", 18251, "h1").service("opsjnew", 18252, "h2").drop("opsjnew");
        cluster.write();
        assertEquals(0, CliRun.run(new Deploy(), "--registry", cluster.registry.toString(), "--all").code());
        cluster.place("opsjmv", "h2").place("opsjnew", "h2").write();

        Outcome o = CliRun.run(new Apply(), "--registry", cluster.registry.toString(), "--json");
        assertEquals(0, o.code(), o::toString);
        JsonNode doc = onlyJson(o.out());
        assertEquals("apply", doc.get("kind").asText());
        assertEquals("ok", doc.get("result").asText(), o::toString);
        assertEquals(HistoryStore.standard().list().get(0).id(), doc.get("deploy_id").asText());
        assertEquals("opsjmv", doc.at("/diff/migrations/0/service").asText());
        assertEquals("opsjnew", doc.at("/diff/missing/0/service").asText());
        assertEquals("stop", doc.at("/runs/0/action").asText());
        assertEquals("opsjmv", doc.at("/runs/0/services/0/service").asText());
        assertEquals("deploy", doc.at("/runs/1/action").asText());
        assertEquals(2, doc.at("/runs/1/deployed").asInt(), o::toString);
        assertEquals(0, doc.get("failures").size());
        assertTrue(o.err().contains("opsjnew@h2"), "progress goes to stderr: " + o);
        assertEquals("opsjmv", cluster.serves("opsjmv", 2));

        Outcome again = CliRun.run(new Apply(), "--registry", cluster.registry.toString(), "--json");
        JsonNode none = onlyJson(again.out());
        assertEquals("ok", none.get("result").asText());
        assertEquals(0, none.get("runs").size(), "nothing left to apply");
    }
}

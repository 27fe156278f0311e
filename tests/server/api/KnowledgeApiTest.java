package server.api;

import static knowledge.Fixtures.fixed;
import static knowledge.Fixtures.learner;
import static knowledge.Fixtures.problem;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Learn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;
import support.CliRun;

/**
 * /api/knowledge: what the loop learned (recorded by the real Learner) as `learn … --json` prints it, and the
 * unmatched problems of a real failed deploy whose failure no fingerprint knows.
 */
class KnowledgeApiTest {
    @TempDir
    static Path tmp;
    static ApiCluster cluster;
    static WebFixture web;
    static String failedDeploy;

    @BeforeAll
    static void learnSomethingAndFailOnce() throws Exception {
        cluster = new ApiCluster(tmp);
        for (int i = 1; i <= 3; i++) learner(cluster.home, "2026-01-01T00:00:0" + i + "Z").record(problem("port_conflict", "web", "here"), fixed("kill holder"), "d" + i);
        learner(cluster.home, "2026-01-01T00:00:09Z").record(problem("permission_denied", "web", "here"),
                lib.solve.Outcome.gaveUp(List.of(), "no automatic fix"), "d9");
        CliRun.Outcome d = cluster.deploy("bad", "--json-output");
        assertEquals(1, d.code(), d::toString);
        assertNotNull(Json.MAPPER.readTree(d.out()).get("id"), d::toString);
        failedDeploy = Json.MAPPER.readTree(d.out()).get("id").asText();
        web = cluster.web();
    }

    @AfterAll
    static void stop() throws Exception { cluster.close(); }

    static JsonNode cli(String... args) throws Exception {
        return Json.MAPPER.readTree(cluster.cli(new Learn(), args).out());
    }

    @Test
    void summaryStatsAndPlaybooksAreTheLearnDocuments() throws Exception {
        Reply summary = web.get("/api/knowledge/summary", Scope.READ);
        assertEquals(200, summary.status(), summary.body());
        assertEquals(cli("summary", "--json"), summary.json());
        assertEquals(4, summary.json().get("problems").asInt());
        assertEquals(3, summary.json().get("auto_fixed").asInt());
        assertTrue(summary.json().get("top_recurring").get(0).get("probably_config_bug").asBoolean());
        Reply stats = web.get("/api/knowledge/stats", Scope.READ);
        assertEquals(cli("stats", "--json-output"), stats.json());
        assertEquals(cluster.home.resolve("knowledge").toString(), stats.json().get("knowledge_dir").asText());
        Reply playbooks = web.get("/api/knowledge/playbooks", Scope.READ);
        assertEquals(cli("playbooks", "--json"), playbooks.json());
        assertEquals(List.of("port_conflict"), playbooks.json().findValuesAsText("fingerprint"));
        Reply one = web.get("/api/knowledge/playbooks/port_conflict", Scope.READ);
        assertEquals(cli("playbook", "port_conflict", "--json"), one.json());
        assertEquals(3, one.json().get("resolved_count").asInt());
    }

    @Test
    void playbookThatDoesNotExistIs404SayingWhy() {
        Reply notYet = web.get("/api/knowledge/playbooks/disk_exhausted", Scope.READ);
        assertEquals(404, notYet.status());
        assertEquals("no playbook for disk_exhausted yet: the loop has not fixed it so far", notYet.json().get("detail").asText());
        Reply typo = web.get("/api/knowledge/playbooks/port_conflcit", Scope.READ);
        assertEquals(404, typo.status());
        assertEquals("no fingerprint 'port_conflcit' (did you mean `port_conflict`?)", typo.json().get("detail").asText());
    }

    @Test
    void insightsForAServiceAQuietOneAndAnUnknownOne() throws Exception {
        Reply r = web.get("/api/knowledge/insights/web", Scope.READ);
        assertEquals(200, r.status(), r.body());
        assertEquals(cli("insights", "web", "--json"), r.json());
        assertEquals("kill holder", r.json().get("auto_fixed").get(0).get("steps").get(0).asText());
        assertEquals("permission_denied", r.json().get("unresolved").get(0).get("fingerprint").asText());
        Reply quiet = web.get("/api/knowledge/insights/worker", Scope.READ);
        assertEquals(200, quiet.status(), "a registry service with nothing recorded");
        assertEquals(0, quiet.json().get("failed").size());
        Reply unknown = web.get("/api/knowledge/insights/wbe", Scope.READ);
        assertEquals(404, unknown.status());
        assertEquals("no service 'wbe' (did you mean `web`?)", unknown.json().get("detail").asText());
    }

    @Test
    void unmatchedListsTheFailureNoFingerprintKnows() throws Exception {
        assertTrue(Files.exists(cluster.home.resolve("observations/" + failedDeploy + ".jsonl")), "the failed deploy kept its observations");
        Reply r = web.get("/api/knowledge/unmatched", Scope.READ);
        assertEquals(200, r.status(), r.body());
        assertEquals(1, r.json().size(), r.body());
        JsonNode p = r.json().get(0);
        assertEquals(failedDeploy, p.get("run").asText());
        assertEquals("bad", p.get("service").asText());
        assertEquals("spare", p.get("host").asText());
        assertTrue(p.get("summary").asText().startsWith("failure output: "), p.toString());
        assertTrue(p.get("evidence").get(0).get("excerpt").asText().contains("bad: cannot open /etc/bad/config.toml"), p.toString());
        assertEquals(cli("unmatched", "--json"), r.json(), "the document `learn unmatched --json` prints");
        CliRun.Outcome text = cluster.cli(new Learn(), "unmatched", "--no-color");
        assertEquals(0, text.code(), text::toString);
        assertTrue(text.out().startsWith("bad@spare  " + failedDeploy + "  "), text.out());
        assertTrue(text.out().contains("\n    evidence: [log #"), text.out());
        assertEquals(400, web.get("/api/knowledge/unmatched?limit=x", Scope.READ).status());
        assertEquals(401, web.get("/api/knowledge/summary", (String) null).status());
    }
}

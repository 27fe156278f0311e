package knowledge;

import static knowledge.Fixtures.fixed;
import static knowledge.Fixtures.learner;
import static knowledge.Fixtures.problem;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Learn;
import java.nio.file.Path;
import java.util.List;
import lib.cli.ExitCode;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.CliRun.Outcome;

/** `portoser learn summary|stats|playbooks|playbook|insights` through picocli, against a temporary $PORTOSER_HOME. */
class LearnCommandTest {
    @TempDir
    Path home;

    @BeforeEach
    void useHome() { System.setProperty("portoser.home", home.toString()); }

    @AfterEach
    void restoreHome() { System.clearProperty("portoser.home"); }

    void threePortConflictsAndAPermissionProblem() {
        for (int i = 1; i <= 3; i++) learner(home, "2026-01-01T00:00:0" + i + "Z").record(problem("port_conflict", "web", "h1"), fixed("kill holder"), "d" + i);
        learner(home, "2026-01-01T00:00:09Z").record(problem("permission_denied", "web", "h1"),
                lib.solve.Outcome.gaveUp(List.of(), "no automatic fix"), "d9");
    }

    @Test
    void emptyKnowledgeBaseIsFriendlyForEverySubcommand() throws Exception {
        for (String sub : List.of("summary", "playbooks")) {
            Outcome o = CliRun.run(new Learn(), sub);
            assertEquals(0, o.code(), o.toString());
            assertTrue(o.out().contains("No playbooks yet") || o.out().contains("The knowledge base is empty"), o.out());
        }
        Outcome stats = CliRun.run(new Learn(), "stats", "--json-output");
        assertEquals(0, stats.code(), stats.toString());
        assertEquals(0, Json.MAPPER.readTree(stats.out()).get("totals").get("problems").asInt());
        assertEquals(0, CliRun.run(new Learn(), "insights", "web").code());
    }

    @Test
    void summaryShowsTotalsAndFlagsTheRecurringProblem() {
        threePortConflictsAndAPermissionProblem();
        Outcome o = CliRun.run(new Learn(), "summary");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().startsWith("Knowledge base: 4 problems seen, 3 auto-fixed, 1 unresolved, 1 playbooks\n"), o.out());
        assertTrue(o.out().contains("port_conflict on web: 3 times (h1)  probably a configuration bug\n"
                + "    → another service is configured on port 8080; change one of them in the registry\n"), o.out());
    }

    @Test
    void statsJsonOutputParses() throws Exception {
        threePortConflictsAndAPermissionProblem();
        Outcome o = CliRun.run(new Learn(), "stats", "--json-output");
        assertEquals(0, o.code(), o.toString());
        JsonNode doc = Json.MAPPER.readTree(o.out());
        assertEquals(3, doc.get("totals").get("auto_fixed").asInt());
        assertEquals(3, doc.get("by_service").get("web").get("port_conflict").asInt());
        assertTrue(doc.get("recurring").get(0).get("probably_config_bug").asBoolean());
        assertEquals(3, doc.get("playbooks").get(0).get("resolved_count").asInt());
    }

    @Test
    void playbooksAndOnePlaybook() {
        threePortConflictsAndAPermissionProblem();
        Outcome list = CliRun.run(new Learn(), "playbooks");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith("port_conflict") && l.contains(" 3 ") && l.endsWith("web@h1")), list.out());
        Outcome one = CliRun.run(new Learn(), "playbook", "port_conflict");
        assertEquals(0, one.code(), one.toString());
        assertTrue(one.out().startsWith("# Playbook: port_conflict\n"), one.out());
        assertTrue(one.out().contains("1. kill holder — worked 3 times"), one.out());
    }

    @Test
    void knownFingerprintWithoutPlaybookIsNotAnError() {
        threePortConflictsAndAPermissionProblem();
        Outcome o = CliRun.run(new Learn(), "playbook", "disk_exhausted");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("No playbook for disk_exhausted yet"), o.out());
    }

    @Test
    void unknownFingerprintOrServiceIsBadInputWithDidYouMean() {
        threePortConflictsAndAPermissionProblem();
        Outcome fp = CliRun.run(new Learn(), "playbook", "port_conflcit");
        assertEquals(ExitCode.BAD_INPUT, fp.code(), fp.toString());
        assertTrue(fp.err().contains("✗ no fingerprint 'port_conflcit' in the knowledge base"), fp.err());
        assertTrue(fp.err().contains("did you mean `port_conflict`?"), fp.err());
        Outcome svc = CliRun.run(new Learn(), "insights", "wbe", "--registry", home.resolve("none.yml").toString());
        assertEquals(ExitCode.BAD_INPUT, svc.code(), svc.toString());
        assertTrue(svc.err().contains("did you mean `web`?"), svc.err());
    }

    @Test
    void insightsTellsWhatWasFixedAndWhatIsNot() throws Exception {
        threePortConflictsAndAPermissionProblem();
        Outcome o = CliRun.run(new Learn(), "insights", "web");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("Fixed automatically:\n  port_conflict: 3 times by: kill holder\n"), o.out());
        assertTrue(o.out().contains("Unresolved:\n  permission_denied: 1 time — GAVE_UP: no automatic fix\n    hint: stop the holder\n"), o.out());
        Outcome json = CliRun.run(new Learn(), "insights", "web", "--json");
        assertEquals("web", Json.MAPPER.readTree(json.out()).get("service").asText());
    }
}

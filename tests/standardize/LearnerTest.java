package standardize;

import static knowledge.Fixtures.fixed;
import static knowledge.Fixtures.learner;
import static knowledge.Fixtures.problem;
import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.knowledge.KnowledgeDir;
import lib.solve.Outcome;
import lib.standardize.Learner;
import lib.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learner.record: the playbook .md + .json twin, the frequency line and the history event, with exact shapes. */
class LearnerTest {
    @TempDir
    Path home;

    KnowledgeDir dir() { return new KnowledgeDir(home.resolve("knowledge")); }

    @Test
    void fixedProblemWritesPlaybookTwinFrequencyAndEvent() throws Exception {
        Path event = learner(home, "2026-11-23T15:01:02.345Z").record(problem("port_conflict", "web", "h1"),
                fixed("Stop the stale copy of web (pid 4242)"), "deploy-20261123-150102-abcd");

        assertEquals("2026-11-23T15:01:02.345Z|port_conflict|web|h1\n", Files.readString(dir().frequency()));

        JsonNode pb = Json.MAPPER.readTree(dir().playbookJson("port_conflict").toFile());
        assertEquals("port_conflict", pb.get("fingerprint").asText());
        assertEquals(1, pb.get("resolved_count").asInt());
        assertEquals("2026-11-23T15:01:02.345Z", pb.get("last_seen").asText());
        JsonNode entry = pb.get("entries").get(0);
        assertEquals("web", entry.get("service").asText());
        assertEquals("h1", entry.get("host").asText());
        assertEquals(1, entry.get("count").asInt());
        JsonNode step = entry.get("steps").get(0);
        assertEquals("Stop the stale copy of web (pid 4242)", step.get("step").asText());
        assertEquals("cmd Stop the stale copy of web (pid 4242)", step.get("command").asText());
        assertEquals(1, step.get("successes").asInt());

        String md = Files.readString(dir().playbookMarkdown("port_conflict"));
        assertTrue(md.startsWith("# Playbook: port_conflict\n\nResolved 1 time. First seen 2026-11-23T15:01:02.345Z"), md);
        assertTrue(md.contains("## Steps that worked\n\n1. Stop the stale copy of web (pid 4242) — worked 1 time\n"), md);
        assertTrue(md.contains("- web on h1: resolved 1 time, last seen 2026-11-23T15:01:02.345Z\n"), md);

        assertEquals(dir().history().resolve("20261123T150102.345Z-port_conflict-web.json"), event);
        JsonNode ev = Json.MAPPER.readTree(event.toFile());
        assertEquals("deploy-20261123-150102-abcd", ev.get("deploy_id").asText());
        assertTrue(ev.get("resolved").asBoolean());
        assertEquals("HIGH", ev.get("problem").get("severity").asText());
        assertEquals("0.0.0.0:8080 held by pid 4242 (nc -l 8080)", ev.get("problem").get("evidence").get(0).get("excerpt").asText());
        assertEquals(8080, ev.get("problem").get("details").get("port").asInt());
        assertEquals("FIXED", ev.get("outcome").get("status").asText());
        assertTrue(ev.get("outcome").get("actions").get(0).get("done").asBoolean());
    }

    @Test
    void repeatedRecordsCountUpAndMoveLastSeen() throws Exception {
        learner(home, "2026-11-23T10:00:00Z").record(problem("stale_process", "api", "h1"), fixed("kill", "rm pid"), "d1");
        learner(home, "2026-11-23T11:00:00Z").record(problem("stale_process", "api", "h1"), fixed("kill"), "d2");
        learner(home, "2026-11-23T12:00:00Z").record(problem("stale_process", "api", "h2"), fixed("kill"), "d3");

        JsonNode pb = Json.MAPPER.readTree(dir().playbookJson("stale_process").toFile());
        assertEquals(3, pb.get("resolved_count").asInt());
        assertEquals("2026-11-23T10:00:00Z", pb.get("first_seen").asText());
        assertEquals("2026-11-23T12:00:00Z", pb.get("last_seen").asText());
        JsonNode h1 = pb.get("entries").get(0);
        assertEquals(2, h1.get("count").asInt());
        assertEquals("2026-11-23T11:00:00Z", h1.get("last_seen").asText());
        assertEquals(2, h1.get("steps").get(0).get("successes").asInt());
        assertEquals(1, h1.get("steps").get(1).get("successes").asInt());
        assertEquals("h2", pb.get("entries").get(1).get("host").asText());
        assertTrue(Files.readString(dir().playbookMarkdown("stale_process")).contains("1. kill — worked 3 times\n2. rm pid — worked 1 time\n"));
        assertEquals(3, Files.readAllLines(dir().frequency()).size());
    }

    @Test
    void unresolvedAttemptIsCountedAndKeptButWritesNoPlaybook() throws Exception {
        Learner l = learner(home, "2026-11-23T10:00:00Z");
        l.record(problem("permission_denied", "web", "h1"), Outcome.gaveUp(List.of(), "chown it"), "d1");
        l.record(problem("permission_denied", "web", "h1"), Outcome.gaveUp(List.of(), "chown it"), "d2");
        assertFalse(Files.exists(dir().playbookJson("permission_denied")));
        assertEquals(2, Files.readAllLines(dir().frequency()).size());
        // Same millisecond, same service: the second event gets its own file.
        assertTrue(Files.exists(dir().history().resolve("20261123T100000.000Z-permission_denied-web-2.json")));
    }

    @Test
    void retryThatSucceededIsResolvedWhenTheCallerSaysSo() throws Exception {
        learner(home, "2026-11-23T10:00:00Z").record(problem("dependency_not_ready", "api", "h1"),
                Outcome.retry(List.of(lib.solve.Action.planned("wait for db", null, false).ran()), "waited"), "d1", true);
        assertEquals(1, Json.MAPPER.readTree(dir().playbookJson("dependency_not_ready").toFile()).get("resolved_count").asInt());
    }
}

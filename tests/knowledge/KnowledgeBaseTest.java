package knowledge;

import static knowledge.Fixtures.fixed;
import static knowledge.Fixtures.learner;
import static knowledge.Fixtures.problem;
import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.List;
import lib.knowledge.Insights;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.knowledge.KnowledgeReport;
import lib.knowledge.Recurring;
import lib.solve.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read side: stepsFor ordering (what the solver tries first), the recurring flag, summary and insights. */
class KnowledgeBaseTest {
    @TempDir
    Path home;

    KnowledgeBase kb() { return KnowledgeBase.load(new KnowledgeDir(home.resolve("knowledge"))); }

    void fix(String at, String service, String host, String... steps) {
        learner(home, at).record(problem("port_conflict", service, host), fixed(steps), "d");
    }

    @Test
    void stepsForThisHostFirstThenOtherHostsThenAnyServiceMostSuccessfulFirst() {
        fix("2026-01-01T00:00:01Z", "web", "h1", "local-b");
        fix("2026-01-01T00:00:02Z", "web", "h1", "local-a");
        fix("2026-01-01T00:00:03Z", "web", "h1", "local-a");
        fix("2026-01-01T00:00:04Z", "web", "h2", "other-host");
        fix("2026-01-01T00:00:05Z", "api", "h1", "general", "local-b");
        fix("2026-01-01T00:00:06Z", "api", "h1", "general");
        assertEquals(List.of("local-a", "local-b", "other-host", "general"), kb().stepsFor("port_conflict", "web", "h1"));
        // No entry for this host: the service's steps on any host (ties: most recent first), then the fingerprint in general.
        assertEquals(List.of("local-a", "other-host", "local-b", "general"), kb().stepsFor("port_conflict", "web", "h9"));
        assertEquals(List.of("general", "local-b", "local-a", "other-host"), kb().stepsFor("port_conflict", "db", "h1"));
        assertEquals(List.of(), kb().stepsFor("disk_exhausted", "web", "h1"));
    }

    @Test
    void aNewSuccessChangesWhatTheSolverTriesFirst() {
        fix("2026-01-01T00:00:01Z", "web", "h1", "stop stale copy");
        assertEquals("stop stale copy", kb().stepsFor("port_conflict", "web", "h1").get(0));
        fix("2026-01-01T00:00:02Z", "web", "h1", "kill holder");
        fix("2026-01-01T00:00:03Z", "web", "h1", "kill holder");
        assertEquals(List.of("kill holder", "stop stale copy"), kb().stepsFor("port_conflict", "web", "h1"));
        lib.solve.Playbooks forSolver = kb();
        assertEquals("kill holder", forSolver.stepsFor("port_conflict", "web", "h1").get(0));
    }

    @Test
    void recurringIsFlaggedAtThreeWithAPortSuggestion() {
        fix("2026-01-01T00:00:01Z", "web", "h1", "kill holder");
        fix("2026-01-01T00:00:02Z", "web", "h2", "kill holder");
        Recurring two = Recurring.of(kb()).get(0);
        assertFalse(two.probablyConfigBug());
        assertNull(two.suggestion());
        fix("2026-01-01T00:00:03Z", "web", "h1", "kill holder");
        Recurring three = Recurring.of(kb()).get(0);
        assertTrue(three.probablyConfigBug());
        assertEquals(3, three.count());
        assertEquals(List.of("h1", "h2"), three.hosts());
        assertEquals("another service is configured on port 8080; change one of them in the registry", three.suggestion());
    }

    @Test
    void summaryAndInsightsSplitAutoFixedFromUnresolved() {
        fix("2026-01-01T00:00:01Z", "web", "h1", "kill holder");
        learner(home, "2026-01-01T00:00:02Z").record(problem("permission_denied", "web", "h1"), Outcome.gaveUp(List.of(), "no automatic fix"), "d");
        KnowledgeReport.Summary s = KnowledgeReport.summary(kb());
        assertEquals(2, s.problems());
        assertEquals(1, s.autoFixed());
        assertEquals(1, s.unresolved());
        Insights in = Insights.of(kb(), "web");
        assertEquals(2, in.failed().size());
        assertEquals(List.of(new Insights.Fixed("port_conflict", 1, List.of("kill holder"))), in.autoFixed());
        assertEquals("permission_denied", in.unresolved().get(0).fingerprint());
        assertEquals("GAVE_UP: no automatic fix", in.unresolved().get(0).lastMessage());
    }

    @Test
    void missingDirectoryIsAnEmptyKnowledgeBase() {
        assertTrue(kb().isEmpty());
        assertEquals(0, KnowledgeReport.summary(kb()).problems());
    }
}

package solve;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import lib.solve.Action;
import lib.solve.SolveContext;
import lib.solve.Steps;
import org.junit.jupiter.api.Test;

/** Pure: how a recorded playbook reorders a pattern's alternatives, and stopping as soon as it is enough. */
class StepsTest {
    static final Action A = Action.planned("prune dangling docker images: 3 image(s)", "true", false);
    static final Action B = Action.planned("prune docker build cache", "true", false);
    static final Action C = Action.planned("remove old rotated logs of this tool: 2 file(s) in /p", "true", false);

    static List<String> names(List<Action> plan) { return plan.stream().map(a -> Steps.key(a.description())).toList(); }

    @Test
    void theKeyIsTheStableNameBeforeTheDetails() {
        assertEquals("remove old rotated logs of this tool", Steps.key(C.description()));
        assertEquals("prune docker build cache", Steps.key(B.description()));
        assertEquals("wait for db", Steps.key("wait for db: 2.0 s (a: b)"));
        assertEquals("", Steps.key(null));
    }

    @Test
    void withoutAPlaybookThePatternsOrderStandsAndNothingIsSaid() {
        Steps.Ordered o = Steps.preferRecorded(List.of(A, B, C), List.of());
        assertEquals(List.of(A, B, C), o.plan());
        assertFalse(o.usedPlaybook());
        assertEquals("done", o.explain("done"));
        assertEquals(List.of(A, B, C), Steps.preferRecorded(List.of(A, B, C), null).plan());
    }

    @Test
    void recordedStepsComeFirstInTheRecordedOrderMatchedByNameNotDetails() {
        // Recorded in another run: other counts and paths, most successful first.
        Steps.Ordered o = Steps.preferRecorded(List.of(A, B, C),
                List.of("remove old rotated logs of this tool: 7 file(s) in /elsewhere", "prune docker build cache"));
        assertEquals(List.of(C, B, A), o.plan());
        assertEquals(List.of("remove old rotated logs of this tool", "prune docker build cache"), o.recorded());
        assertEquals("trying the recorded playbook first: remove old rotated logs of this tool; prune docker build cache — ok",
                o.explain("ok"));
    }

    @Test
    void recordedStepsThisPlanDoesNotHaveAreIgnoredAndNothingIsDropped() {
        Steps.Ordered o = Steps.preferRecorded(List.of(A, C), List.of("restart the universe", "prune docker build cache"));
        assertEquals(List.of(A, C), o.plan());
        assertFalse(o.usedPlaybook(), "no recorded step matched: the playbook changed nothing, so nothing is claimed");
        Steps.Ordered p = Steps.preferRecorded(List.of(A, C), List.of("restart the universe", C.description()));
        assertEquals(List.of(C, A), p.plan());
        assertEquals(List.of("remove old rotated logs of this tool"), p.recorded());
    }

    @Test
    void aRecordedWaitIsReadByNameAndSetsTheFirstWindow() {
        List<String> steps = List.of("wait for cache: healthy after 100 ms (x)", "wait for db: not healthy after 9000 ms (x)",
                "wait for db: healthy after 3750 ms (budget 10000 ms; true)");
        assertEquals(3750L, Steps.recordedMillis(steps, "wait for db"), "a wait that timed out does not count");
        assertEquals(100L, Steps.recordedMillis(steps, "wait for cache"));
        assertNull(Steps.recordedMillis(steps, "wait for queue"));
        assertNull(Steps.recordedMillis(List.of("wait for db: not healthy after 9000 ms"), "wait for db"));
        assertNull(Steps.recordedMillis(null, "wait for db"));
        java.util.function.LongFunction<List<Long>> halves = b -> List.of(b / 2, b - b / 2);
        assertEquals(List.of(500L, 500L), Steps.recordedFirst(null, 1000, 250, halves));
        assertEquals(List.of(600L, 200L, 200L), Steps.recordedFirst(600L, 1000, 250, halves));
        assertEquals(List.of(1000L), Steps.recordedFirst(5000L, 1000, 250, halves), "never beyond the budget");
        assertEquals(List.of(250L, 375L, 375L), Steps.recordedFirst(1L, 1000, 250, halves));
    }

    @Test
    void applyUntilStopsAsSoonAsItIsEnoughAndADryRunRunsNothing() {
        StringWriter said = new StringWriter();
        SolveContext real = new SolveContext(null, null, null, null, false, false, q -> false, new PrintWriter(said), null);
        Action noCommand1 = Action.planned("one", null, false), noCommand2 = Action.planned("two", null, false);
        int[] checks = {0};
        Steps.Applied a = Steps.applyUntil(List.of(noCommand1, noCommand2), real, () -> ++checks[0] >= 1);
        assertEquals(List.of("one"), a.actions().stream().map(Action::description).toList());
        assertTrue(a.actions().get(0).done());
        assertEquals(1, checks[0]);
        assertEquals("one", said.toString().strip());

        Steps.Applied all = Steps.applyUntil(List.of(noCommand1, noCommand2), real, () -> false);
        assertEquals(2, all.actions().size());

        SolveContext dry = new SolveContext(null, null, null, null, true, false, q -> false, new PrintWriter(new StringWriter()), null);
        Steps.Applied d = Steps.applyUntil(List.of(noCommand1, noCommand2), dry, () -> { throw new AssertionError("not checked in a dry run"); });
        assertEquals(List.of(noCommand1, noCommand2), d.actions());
    }
}

package solve;

import static org.junit.jupiter.api.Assertions.*;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.diagnose.Problem;
import lib.solve.Attempts;
import lib.solve.CircuitBreaker;
import lib.solve.Outcome;
import lib.solve.Pattern;
import lib.solve.SolveContext;
import lib.solve.Solver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The solver's refusals (unmatched, no pattern, attempts, breaker) and the playbook hand-over, with real patterns. */
class SolverTest {
    @TempDir Path home;
    final List<List<String>> seenSteps = new ArrayList<>();
    final Pattern fixes = (p, c) -> { seenSteps.add(c.playbookSteps()); return Outcome.fixed(List.of(), "fixed"); };
    final Pattern fails = (p, c) -> Outcome.gaveUp(List.of(), "nope");
    final Pattern throwsUp = (p, c) -> { throw new IllegalStateException("bug in pattern"); };

    static Problem problem(String fp) {
        return new Problem(fp, "web", "h1", Problem.Severity.HIGH, 0.9, List.of(), "web: " + fp, "hint", Map.of());
    }

    static SolveContext ctx(boolean dryRun) {
        return new SolveContext(null, null, null, null, dryRun, false, q -> false, new PrintWriter(new StringWriter()), null);
    }

    Solver solver(CircuitBreaker b) {
        return new Solver(Map.of("port_conflict", fixes, "stale_process", fails, "disk_exhausted", throwsUp),
                List.of("/x/patterns/broken_one.java:3: error: ';' expected"), b,
                (fp, svc, host) -> fp.equals("port_conflict") && svc.equals("web") ? List.of("stop stale copy") : List.of());
    }

    @Test
    void runsThePatternForTheFingerprintAndHandsItTheRecordedPlaybookSayingSo() {
        StringWriter said = new StringWriter();
        SolveContext c = new SolveContext(null, null, null, null, false, false, q -> false, new PrintWriter(said), null);
        Outcome o = solver(new CircuitBreaker(home)).solve(problem("port_conflict"), c, new Attempts());
        assertEquals(Outcome.Status.FIXED, o.status());
        assertEquals(List.of(List.of("stop stale copy")), seenSteps);
        assertEquals("recorded playbook handed to the pattern (tried first where it has a choice): stop stale copy", said.toString().strip());
    }

    @Test
    void unmatchedAndUnknownFingerprintsAreRefusedWithAMessage() {
        Solver s = solver(new CircuitBreaker(home));
        Attempts run = new Attempts();
        Outcome u = s.solve(problem(Problem.UNMATCHED), ctx(false), run);
        assertEquals(Outcome.Status.REFUSED, u.status());
        assertEquals(0, run.used(), "a refusal takes no attempt");
        assertTrue(u.message().startsWith("unmatched problem"), u.message());
        assertEquals("no pattern for ssh_weird (add patterns/ssh_weird.java to teach the solver)",
                s.solve(problem("ssh_weird"), ctx(false), new Attempts()).message());
        assertTrue(s.solve(problem("broken_one"), ctx(false), new Attempts()).message().contains("broken_one.java:3: error"));
    }

    @Test
    void atMostThreeAttemptsPerRun() {
        Solver s = solver(new CircuitBreaker(home));
        Attempts run = new Attempts();
        for (int i = 0; i < 3; i++) assertEquals(Outcome.Status.FIXED, s.solve(problem("port_conflict"), ctx(false), run).status());
        assertTrue(s.refusal(problem("port_conflict"), run).startsWith("gave up after 3 solve attempts"), "asked without taking one");
        Outcome fourth = s.solve(problem("port_conflict"), ctx(false), run);
        assertEquals(Outcome.Status.REFUSED, fourth.status());
        assertTrue(fourth.message().startsWith("gave up after 3 solve attempts"), fourth.message());
        assertTrue(run.exhausted());
        assertEquals(3, seenSteps.size(), "the pattern did not run a fourth time");
    }

    @Test
    void threeFailuresWithinAnHourOpenTheBreakerAcrossRunsUntilTheyAgeOut() {
        Instant t0 = Instant.parse("2026-01-01T10:00:00Z");
        Solver s = solver(new CircuitBreaker(home, Clock.fixed(t0, ZoneOffset.UTC)));
        for (int i = 0; i < 3; i++) assertEquals("nope", s.solve(problem("stale_process"), ctx(false), new Attempts()).message());
        assertNull(s.refusal(problem("port_conflict"), new Attempts()));
        assertTrue(s.refusal(problem("stale_process"), new Attempts()).startsWith("auto-heal stopped for web/stale_process"));
        Outcome stopped = s.solve(problem("stale_process"), ctx(false), new Attempts());
        assertEquals(Outcome.Status.REFUSED, stopped.status());
        assertTrue(stopped.message().startsWith("auto-heal stopped for web/stale_process: 3 failed fixes within the last 60 minutes"),
                stopped.message());
        assertEquals(Outcome.Status.FIXED, s.solve(problem("port_conflict"), ctx(false), new Attempts()).status(), "other pairs still heal");
        Solver later = solver(new CircuitBreaker(home, Clock.fixed(t0.plus(Duration.ofMinutes(61)), ZoneOffset.UTC)));
        assertEquals("nope", later.solve(problem("stale_process"), ctx(false), new Attempts()).message(), "re-armed after an hour");
    }

    @Test
    void aThrowingPatternIsAFailedFixAndDryRunsNeverCountAsFailures() {
        CircuitBreaker b = new CircuitBreaker(home);
        Solver s = solver(b);
        Outcome o = s.solve(problem("disk_exhausted"), ctx(false), new Attempts());
        assertEquals(Outcome.Status.GAVE_UP, o.status());
        assertTrue(o.message().contains("bug in pattern"), o.message());
        for (int i = 0; i < 5; i++) s.solve(problem("stale_process"), ctx(true), new Attempts());
        assertFalse(b.open("web", "stale_process"));
    }
}

package lib.solve;

import java.util.List;
import java.util.Map;
import lib.diagnose.Problem;

/**
 * Runs the pattern for a problem's fingerprint and returns its {@link Outcome}. It refuses ({@link Outcome.Status#REFUSED},
 * with a message that says why; nothing runs, no attempt is taken, no failure counted) when the problem is `unmatched`
 * or has no pattern, when the {@link CircuitBreaker} for that service+fingerprint is open, or when the deploy's
 * {@link Attempts} are used up. {@link #refusal} asks the same without taking an attempt. A recorded playbook is handed
 * to the pattern to try first, and said so. The retry loop itself belongs to the caller: FIXED and RETRY mean "run the
 * failed step again".
 */
public final class Solver {
    private final Map<String, Pattern> patterns;
    private final List<String> loadErrors;
    private final CircuitBreaker breaker;
    private final Playbooks playbooks;

    public Solver(Map<String, Pattern> patterns, List<String> loadErrors, CircuitBreaker breaker, Playbooks playbooks) {
        this.patterns = Map.copyOf(patterns);
        this.loadErrors = List.copyOf(loadErrors);
        this.breaker = breaker;
        this.playbooks = playbooks == null ? Playbooks.NONE : playbooks;
    }

    /** Loads `patterns/` now (compiling what changed); files that failed to compile are in {@link #loadErrors()}. */
    public static Solver load(PatternLoader loader, CircuitBreaker breaker, Playbooks playbooks) {
        PatternLoader.Loaded l = loader.load();
        return new Solver(l.patterns(), l.errors(), breaker, playbooks);
    }

    public List<String> loadErrors() { return loadErrors; }

    public boolean hasPattern(String fingerprint) { return patterns.containsKey(fingerprint); }

    public Outcome solve(Problem problem, SolveContext ctx, Attempts attempts) {
        String refusal = refusal(problem, attempts);
        if (refusal == null && !attempts.next()) refusal = exhausted(problem, attempts); // taken atomically: services heal in parallel
        if (refusal != null) return Outcome.refused(refusal);
        SolveContext c = withPlaybook(problem, ctx);
        if (!c.playbookSteps().isEmpty() && c.out() != null) {
            c.out().println("recorded playbook handed to the pattern (tried first where it has a choice): "
                    + String.join("; ", c.playbookSteps()));
            c.out().flush();
        }
        Outcome out = run(patterns.get(problem.fingerprint()), problem, c);
        if (!ctx.dryRun() && out.status() == Outcome.Status.GAVE_UP) breaker.recordFailure(problem.service(), problem.fingerprint());
        return out;
    }

    /**
     * Why the solver would refuse this problem now, or null when it would run its pattern. Takes no attempt: callers
     * ask it before changing anything (preflight heals only problems the solver will take).
     */
    public String refusal(Problem p, Attempts attempts) {
        String fp = p.fingerprint();
        if (Problem.UNMATCHED.equals(fp)) return "unmatched problem: no pattern knows this failure; see the evidence above and fix it by hand";
        if (!patterns.containsKey(fp)) return noPattern(fp);
        if (breaker.open(p.service(), fp)) return breaker.explain(p.service(), fp);
        if (attempts.exhausted()) return exhausted(p, attempts);
        return null;
    }

    private static String exhausted(Problem p, Attempts attempts) {
        return "gave up after " + attempts.max() + " solve attempts in this deploy; " + p.summary();
    }

    private String noPattern(String fp) {
        String broken = loadErrors.stream().filter(e -> e.contains("/" + fp + ".java")).findFirst().orElse(null);
        return broken != null ? "pattern " + fp + " did not compile: " + broken
                : "no pattern for " + fp + " (add patterns/" + fp + ".java to teach the solver)";
    }

    private SolveContext withPlaybook(Problem p, SolveContext ctx) {
        if (!ctx.playbookSteps().isEmpty()) return ctx;
        List<String> steps = playbooks.stepsFor(p.fingerprint(), p.service(), p.host());
        if (steps == null || steps.isEmpty()) return ctx;
        return new SolveContext(ctx.executor(), ctx.registry(), ctx.host(), ctx.service(), ctx.dryRun(), ctx.yes(),
                ctx.confirm(), ctx.out(), steps);
    }

    /** A pattern that throws is a failed fix, reported like one, never a crash of the deploy. */
    private static Outcome run(Pattern pattern, Problem p, SolveContext ctx) {
        try {
            Outcome o = pattern.solve(p, ctx);
            return o != null ? o : Outcome.gaveUp(List.of(), "pattern " + p.fingerprint() + " returned no outcome");
        } catch (RuntimeException e) {
            return Outcome.gaveUp(List.of(), "pattern " + p.fingerprint() + " failed: " + e);
        }
    }
}

package lib.solve;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import lib.exec.Result;

/**
 * Runs a pattern's plan on the problem's host, in order, stopping at the first step that fails. In a dry run it runs
 * nothing and returns the plan as is: check mode. Every step's command goes through the context's executor, so the
 * same plan works on this machine and over SSH.
 *
 * <p>The knowledge base drives the order: {@link #preferRecorded} moves the alternatives a recorded playbook names to
 * the front, in the recorded order, matching by {@link #key} (the stable name of a step), and
 * {@link #applyUntil} stops as soon as the problem is gone, so a recorded step that worked makes the others unneeded.
 */
public final class Steps {
    /** The actions that ran (marked done) and, when one failed, why. */
    public record Applied(List<Action> actions, String failure) {
        public boolean ok() { return failure == null; }
    }

    /**
     * A plan in the order to try it. {@code recorded}: the stable names of the steps a playbook moved to the front,
     * in that order; empty when no recorded step matched (then the plan is the pattern's own order).
     */
    public record Ordered(List<Action> plan, List<String> recorded) {
        public Ordered {
            plan = List.copyOf(plan);
            recorded = List.copyOf(recorded);
        }

        public boolean usedPlaybook() { return !recorded.isEmpty(); }

        /** "trying the recorded playbook first: a; b", or "" when the playbook changed nothing. */
        public String note() { return usedPlaybook() ? "trying the recorded playbook first: " + String.join("; ", recorded) : ""; }

        /** {@code message}, prefixed with {@link #note()} when the playbook led. */
        public String explain(String message) { return usedPlaybook() ? note() + " — " + message : message; }
    }

    private Steps() {}

    /**
     * The stable name of a step: its description up to the first ": " (what follows is this run's details: counts,
     * pids, paths). The knowledge base stores whole descriptions; two steps are the same when their names are.
     */
    public static String key(String description) {
        if (description == null) return "";
        int i = description.indexOf(": ");
        return (i < 0 ? description : description.substring(0, i)).strip();
    }

    /**
     * Pure: the alternatives of {@code plan} that a recorded playbook names come first, in the recorded order
     * (most successful first, as the knowledge base ranks them); the rest follow in the pattern's own order. Nothing
     * is added or dropped: a recorded step the pattern cannot take now (no such alternative this time) is ignored.
     */
    public static Ordered preferRecorded(List<Action> plan, List<String> playbookSteps) {
        if (playbookSteps == null || playbookSteps.isEmpty()) return new Ordered(plan, List.of());
        List<Action> first = new ArrayList<>();
        Set<String> names = new LinkedHashSet<>();
        List<Action> rest = new ArrayList<>(plan);
        for (String step : playbookSteps) {
            String k = key(step);
            for (java.util.Iterator<Action> it = rest.iterator(); it.hasNext(); ) {
                Action a = it.next();
                if (key(a.description()).equals(k)) {
                    first.add(a);
                    names.add(k);
                    it.remove();
                }
            }
        }
        first.addAll(rest);
        return new Ordered(first, List.copyOf(names));
    }

    private static final java.util.regex.Pattern AFTER_MS = java.util.regex.Pattern.compile("(?<!not )\\b\\w+ after (\\d+) ms");

    /**
     * Pure: for waiting patterns, how long the wait named {@code name} took when it worked, from a recorded step
     * "name: &lt;became something&gt; after N ms …" (a wait that timed out, "not … after", does not count); null when
     * no recorded step says.
     */
    public static Long recordedMillis(List<String> playbookSteps, String name) {
        if (playbookSteps == null) return null;
        for (String step : playbookSteps) {
            if (!key(step).equals(name)) continue;
            java.util.regex.Matcher m = AFTER_MS.matcher(step);
            if (m.find()) return Long.valueOf(m.group(1));
        }
        return null;
    }

    /** Pure: waits starting at {@code firstMs}, doubling up to {@code maxMs} apart, summing to exactly {@code budgetMs} (the last one shortened). */
    public static List<Long> backoff(long budgetMs, long firstMs, long maxMs) {
        List<Long> out = new ArrayList<>();
        long total = 0, d = firstMs;
        while (total + d <= budgetMs) {
            out.add(d);
            total += d;
            d = Math.min(d * 2, maxMs);
        }
        if (total < budgetMs) out.add(budgetMs - total);
        return out;
    }

    /**
     * Pure: a backoff schedule whose first window is the recorded wait (at least {@code minMs}, at most the budget),
     * followed by the pattern's own backoff for what is left; without a recorded wait, the pattern's own schedule.
     */
    public static List<Long> recordedFirst(Long recordedMs, long budgetMs, long minMs, java.util.function.LongFunction<List<Long>> backoff) {
        if (recordedMs == null) return backoff.apply(budgetMs);
        long first = Math.max(minMs, Math.min(recordedMs, budgetMs));
        List<Long> out = new ArrayList<>(List.of(first));
        if (first < budgetMs) out.addAll(backoff.apply(budgetMs - first));
        return out;
    }

    /**
     * Runs the plan one step at a time and stops as soon as {@code enough} says the problem is gone (checked after
     * each step, never before the first), or at the first failure. Returns only the steps that ran. A dry run runs
     * nothing and returns the whole plan.
     */
    public static Applied applyUntil(List<Action> plan, SolveContext ctx, BooleanSupplier enough) {
        if (ctx.dryRun()) return new Applied(plan, null);
        List<Action> done = new ArrayList<>();
        for (Action a : plan) {
            Applied one = apply(List.of(a), ctx);
            done.addAll(one.actions());
            if (!one.ok()) return new Applied(done, one.failure());
            if (enough.getAsBoolean()) break;
        }
        return new Applied(done, null);
    }

    public static Applied apply(List<Action> plan, SolveContext ctx) {
        if (ctx.dryRun()) return new Applied(plan, null);
        List<Action> done = new ArrayList<>();
        for (Action a : plan) {
            say(ctx, a.description());
            Result r = a.command() == null ? null : ctx.executor().run(ctx.host(), a.command());
            if (r != null && !r.ok()) {
                done.add(a);
                return new Applied(done, a.description() + " failed (exit " + r.exit() + "): " + (r.stderr() + r.stdout()).strip());
            }
            done.add(a.ran());
        }
        return new Applied(done, null);
    }

    /** Runs a read-only check on the problem's host (also in dry runs: looking changes nothing). */
    public static Result check(SolveContext ctx, String command) {
        return ctx.executor().run(ctx.host(), command);
    }

    public static void say(SolveContext ctx, String line) {
        if (ctx.out() != null) {
            ctx.out().println((ctx.dryRun() ? "would: " : "") + line);
            ctx.out().flush();
        }
    }

    /** Waits between checks; an interrupt (Ctrl-C) ends the pattern instead of being swallowed. */
    public static void pause(long ms, String waitingFor) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + waitingFor, e);
        }
    }
}

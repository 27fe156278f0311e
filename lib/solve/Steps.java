package lib.solve;

import java.util.ArrayList;
import java.util.List;
import lib.exec.Result;

/**
 * Runs a pattern's plan on the problem's host, in order, stopping at the first step that fails. In a dry run it runs
 * nothing and returns the plan as is: check mode. Every step's command goes through the context's executor, so the
 * same plan works on this machine and over SSH.
 */
public final class Steps {
    /** The actions that ran (marked done) and, when one failed, why. */
    public record Applied(List<Action> actions, String failure) {
        public boolean ok() { return failure == null; }
    }

    private Steps() {}

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
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package patterns;

import java.util.List;
import lib.diagnose.Problem;
import lib.exec.ConnectionCheck;
import lib.solve.Action;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.Pattern;
import lib.solve.PatternMain;
import lib.solve.SolveContext;
import lib.solve.Steps;

/**
 * Fingerprint: ssh_unreachable — the host did not answer over SSH (refused, timed out, no route, unknown name).
 * Reads details: kind and message (what diagnose saw, reported if no attempt ever runs), max_wait_ms (default 30000).
 * Changes: nothing. It opens a fresh connection through the executor (a pooled connection that died is replaced)
 * and runs `true` over it, retrying with bounded exponential backoff (0.5 s doubling, at most 8 s apart), then
 * answers retry (the host answers) or gave_up with the last error and its hint. Not destructive.
 * An attempt can take up to the connect timeout (a hung host); the wait is measured by the clock, so the whole of it is
 * bounded by max_wait_ms plus one connect timeout (the last attempt, started inside the budget).
 * Learns: the step that worked is recorded as "reconnect over SSH to <host>: answered after N ms …"; with that in a
 * recorded playbook the first retry waits the recorded N ms (a host that takes 40 s to reboot is not knocked on
 * every half second), then backs off as usual, and says so.
 */
public class ssh_unreachable implements Pattern {
    static final long FIRST_DELAY_MS = 500, MAX_DELAY_MS = 8000;

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String host = ctx.host().name();
        long budget = Details.millis(problem, "max_wait_ms", 30_000);
        String name = stepName(host);
        Long recorded = Steps.recordedMillis(ctx.playbookSteps(), name);
        List<Long> delays = Steps.recordedFirst(recorded, budget, FIRST_DELAY_MS, ssh_unreachable::delays);
        String note = recorded == null ? "" : "trying the recorded playbook first: " + name + " (first retry after " + delays.get(0)
                + " ms, as recorded) — ";
        Action wait = Action.planned(name + ": for up to " + budget + " ms (" + ctx.host().ip() + ")", null, false);
        if (ctx.dryRun()) return Outcome.retry(List.of(wait), note + "would retry connecting to " + host);
        ConnectionCheck last = ConnectionCheck.run(ctx.executor(), ctx.host());
        if (last.ok()) return Outcome.retry(List.of(), host + " answers over SSH: retry now");
        if (!note.isEmpty()) Steps.say(ctx, note.substring(0, note.length() - 3));
        Steps.say(ctx, wait.description());
        return retryConnecting(ctx, budget, delays, note, last);
    }

    /** The stable name of the step (the knowledge base's key): per host, since each host takes its own time to come back. */
    static String stepName(String host) { return "reconnect over SSH to " + host; }

    Outcome retryConnecting(SolveContext ctx, long budget, List<Long> delays, String note, ConnectionCheck last) {
        long start = System.nanoTime();
        int attempts = 1;
        String name = stepName(ctx.host().name());
        for (long delay : delays) {
            // By the clock, not by the sum of the delays: against a hung host every attempt itself waits out the
            // connect timeout, and the budget must still hold (plus the one attempt that started inside it).
            long left = budget - (System.nanoTime() - start) / 1_000_000;
            if (left <= 0) break;
            Steps.pause(Math.min(delay, left), "a host");
            last = ConnectionCheck.run(ctx.executor(), ctx.host());
            attempts++;
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (last.ok()) {
                Action done = Action.planned(name + ": answered after " + ms + " ms, " + attempts + " attempts (" + ctx.host().ip() + ")", null, false);
                return Outcome.retry(List.of(done.ran()), note + ctx.host().name() + " answered after " + ms + " ms (" + attempts + " attempts): retry now");
            }
        }
        Action done = Action.planned(name + ": not answering after " + budget + " ms (" + ctx.host().ip() + ")", null, false);
        return Outcome.gaveUp(List.of(done.ran()), note + ctx.host().name() + " still unreachable after " + attempts + " attempts in "
                + budget + " ms; last error (" + last.kind() + "): " + last.error() + (last.hint() == null ? "" : " — " + last.hint()));
    }

    /** Pure: the backoff schedule, 0.5 s doubling up to 8 s apart, summing to at most {@code budgetMs}. */
    static List<Long> delays(long budgetMs) {
        return Steps.backoff(budgetMs, FIRST_DELAY_MS, MAX_DELAY_MS);
    }


    public static void main(String[] args) {
        System.exit(PatternMain.run(new ssh_unreachable(), "ssh_unreachable", args));
    }
}

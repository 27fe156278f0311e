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
import lib.exec.Result;
import lib.solve.Action;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.Pattern;
import lib.solve.PatternMain;
import lib.solve.SolveContext;
import lib.solve.Steps;
import lib.util.Sh;

/**
 * Fingerprint: dependency_not_ready — a declared dependency has not passed its health check yet.
 * Reads details: dependency (name), and how to check it on the problem's host: health_command (exit 0 = healthy),
 * else health_url (curl -fsS), else address (default 127.0.0.1) + port (TCP connect); max_wait_ms (default 30000).
 * Changes: nothing. It waits with bounded exponential backoff (0.25 s doubling, at most 4 s apart) and re-checks,
 * then answers retry (healthy now) or gave_up with the last check's output. Not destructive.
 * Learns: the step that worked is recorded as "wait for <dep>: healthy after N ms …". With that in a recorded playbook
 * the first re-check waits the recorded N ms (at most the budget) instead of polling from 0.25 s, then backs off as
 * usual: fewer pointless checks, and no backoff overshoot for a dependency that always takes about as long.
 */
public class dependency_not_ready implements Pattern {
    static final long FIRST_DELAY_MS = 250, MAX_DELAY_MS = 4000;

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String dep = Details.str(problem, "dependency") == null ? "the dependency" : Details.str(problem, "dependency");
        String check = check(problem);
        if (check == null) return Outcome.gaveUp(List.of(), dep + " is not ready and the problem says nothing about how to check it");
        long budget = Details.millis(problem, "max_wait_ms", 30_000);
        String name = stepName(dep);
        Long recorded = recordedWait(ctx.playbookSteps(), name);
        List<Long> delays = delays(budget, recorded);
        String note = recorded == null ? "" : "trying the recorded playbook first: " + name + " (first re-check after "
                + delays.get(0) + " ms, as recorded) — ";
        if (!note.isEmpty()) Steps.say(ctx, note.substring(0, note.length() - 3));
        Action wait = Action.planned(name + ": up to " + budget + " ms (" + check + ")", check, false);
        if (ctx.dryRun()) return Outcome.retry(List.of(wait), note + "would wait for " + dep);
        return waitFor(ctx, dep, check, budget, delays, note);
    }

    /** The stable name of the wait (the knowledge base's key): per dependency, since each takes its own time. */
    static String stepName(String dep) { return "wait for " + dep; }

    Outcome waitFor(SolveContext ctx, String dep, String check, long budget, List<Long> delays, String note) {
        long start = System.nanoTime();
        Result last = Steps.check(ctx, check);
        if (last.ok()) return Outcome.retry(List.of(), dep + " is healthy: retry now");
        for (long delay : delays) {
            Steps.pause(delay, "a dependency");
            last = Steps.check(ctx, check);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (last.ok()) {
                Action waited = Action.planned(stepName(dep) + ": healthy after " + ms + " ms (budget " + budget + " ms; " + check + ")", check, false);
                return Outcome.retry(List.of(waited.ran()), note + dep + " became healthy after " + ms + " ms: retry now");
            }
        }
        Action waited = Action.planned(stepName(dep) + ": not healthy after " + budget + " ms (" + check + ")", check, false);
        return Outcome.gaveUp(List.of(waited.ran()), note + dep + " still not healthy after " + budget + " ms; last check (exit " + last.exit()
                + "): " + (last.stderr() + last.stdout()).strip() + " — deploy or fix " + dep + " first");
    }

    /** Pure: the time the recorded playbook says this dependency took to become healthy, or null (no such step). */
    static Long recordedWait(List<String> playbookSteps, String name) { return Steps.recordedMillis(playbookSteps, name); }

    /** Pure: with a recorded wait, the first window is that wait (at least 0.25 s, at most the budget), then the usual backoff for the rest. */
    static List<Long> delays(long budgetMs, Long recordedMs) {
        return Steps.recordedFirst(recordedMs, budgetMs, FIRST_DELAY_MS, dependency_not_ready::delays);
    }

    /** Pure: the backoff schedule, 0.25 s doubling up to 4 s apart, summing to at most {@code budgetMs}. */
    static List<Long> delays(long budgetMs) {
        return Steps.backoff(budgetMs, FIRST_DELAY_MS, MAX_DELAY_MS);
    }

    static String check(Problem p) {
        if (Details.str(p, "health_command") != null) return Details.str(p, "health_command");
        if (Details.str(p, "health_url") != null) return "curl -fsS -m 2 -o /dev/null " + Sh.quote(Details.str(p, "health_url"));
        Integer port = Details.integer(p, "port");
        if (port == null) return null;
        String addr = Details.str(p, "address") == null ? "127.0.0.1" : Details.str(p, "address");
        return "timeout 2 bash -c " + Sh.quote("</dev/tcp/" + addr + "/" + port); // bash's /dev/tcp: no nc -z everywhere
    }


    public static void main(String[] args) {
        System.exit(PatternMain.run(new dependency_not_ready(), "dependency_not_ready", args));
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package patterns;

import java.util.ArrayList;
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
 */
public class dependency_not_ready implements Pattern {
    static final long FIRST_DELAY_MS = 250, MAX_DELAY_MS = 4000;

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String dep = Details.str(problem, "dependency") == null ? "the dependency" : Details.str(problem, "dependency");
        String check = check(problem);
        if (check == null) return Outcome.gaveUp(List.of(), dep + " is not ready and the problem says nothing about how to check it");
        long budget = Details.millis(problem, "max_wait_ms", 30_000);
        Action wait = Action.planned("wait up to " + budget + " ms for " + dep + " (" + check + ")", check, false);
        if (ctx.dryRun()) return Outcome.retry(List.of(wait), "would wait for " + dep);
        return waitFor(ctx, dep, check, budget, wait);
    }

    Outcome waitFor(SolveContext ctx, String dep, String check, long budget, Action wait) {
        long start = System.nanoTime();
        Result last = Steps.check(ctx, check);
        if (last.ok()) return Outcome.retry(List.of(), dep + " is healthy: retry now");
        for (long delay : delays(budget)) {
            sleep(delay);
            last = Steps.check(ctx, check);
            long ms = (System.nanoTime() - start) / 1_000_000;
            if (last.ok()) return Outcome.retry(List.of(wait.ran()), dep + " became healthy after " + ms + " ms: retry now");
        }
        return Outcome.gaveUp(List.of(wait.ran()), dep + " still not healthy after " + budget + " ms; last check (exit " + last.exit()
                + "): " + (last.stderr() + last.stdout()).strip() + " — deploy or fix " + dep + " first");
    }

    /** Pure: the backoff schedule, 0.25 s doubling up to 4 s apart, summing to at most {@code budgetMs}. */
    static List<Long> delays(long budgetMs) {
        List<Long> out = new ArrayList<>();
        long total = 0, d = FIRST_DELAY_MS;
        while (total + d <= budgetMs) {
            out.add(d);
            total += d;
            d = Math.min(d * 2, MAX_DELAY_MS);
        }
        if (total < budgetMs) out.add(budgetMs - total);
        return out;
    }

    static String check(Problem p) {
        if (Details.str(p, "health_command") != null) return Details.str(p, "health_command");
        if (Details.str(p, "health_url") != null) return "curl -fsS -m 2 -o /dev/null " + Sh.quote(Details.str(p, "health_url"));
        Integer port = Details.integer(p, "port");
        if (port == null) return null;
        String addr = Details.str(p, "address") == null ? "127.0.0.1" : Details.str(p, "address");
        return "timeout 2 bash -c " + Sh.quote("</dev/tcp/" + addr + "/" + port); // bash's /dev/tcp: no nc -z everywhere
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a dependency", e);
        }
    }

    public static void main(String[] args) {
        System.exit(PatternMain.run(new dependency_not_ready(), "dependency_not_ready", args));
    }
}

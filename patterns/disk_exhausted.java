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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.deploy.ServiceDirs;
import lib.diagnose.Problem;
import lib.solve.Action;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.PatternMain;
import lib.solve.SolveContext;
import lib.solve.Steps;
import lib.util.Sh;

/**
 * Fingerprint: disk_exhausted — a watched filesystem of the host is nearly full.
 * Reads details: path (the watched path whose filesystem is full; default the host's path), mount (for messages).
 * Changes, only what is this tool's or nobody's:
 * - this tool's rotated logs in `<host path>/.portoser/logs` beyond the newest: `<svc>.log.N` (and `.N.gz`) for
 *   N >= 2 are removed; `<svc>.log.1` is kept for the last failure's story. Regular files only: a symlink there is
 *   never followed. The live `<svc>.log` is never truncated: the running service holds it open without O_APPEND
 *   (a shell redirect), so truncating it would only leave a sparse hole the next write fills back, and it is the
 *   evidence of the failure being healed;
 * - when the host's docker daemon answers: dangling images (`docker image prune -f`) and the build cache
 *   (`docker builder prune -f`), which no container or tag references. Never volumes, never `-a`.
 * Never anything else: user files, service dirs and docker volumes stay. The steps are alternatives, tried one at
 * a time (docker's data, then our logs; a recorded playbook's steps first, said so) until the filesystem is no longer
 * full: the rest are left alone. Then retry, or gave_up when the filesystem is still full (what is left is not ours to remove). Nothing to free and enough space: no action.
 * Destructive only to the tool's own old logs and unreferenced docker data, so it needs no --yes.
 */
public class disk_exhausted implements lib.solve.Pattern {
    static final long LOW_KB = 200 * 1024; // the thresholds of lib.diagnose.DiskExhausted
    static final Pattern ROTATED = Pattern.compile(".+\\.log\\.(\\d+)(\\.gz)?");

    /** What the probe saw: the filesystem's size and free space, docker's reclaimable data, our old logs. */
    record Now(long sizeKb, long availKb, boolean docker, int dangling, boolean buildCache, List<String> oldLogs) {
        boolean exhausted() {
            double freePct = sizeKb <= 0 ? 100 : 100.0 * availKb / sizeKb;
            return freePct < 5 || (availKb < LOW_KB && freePct < 50);
        }

        String free() { return availKb / 1024 + " MB free of " + sizeKb / 1024 + " MB"; }
    }

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String path = Details.str(problem, "path") != null ? Details.str(problem, "path") : ctx.host().path();
        String where = Details.str(problem, "mount") != null ? Details.str(problem, "mount") : path;
        String logDir = logDir(ctx);
        Now before = probe(ctx, path, logDir);
        List<Action> own = plan(before, logDir);
        if (own.isEmpty() || !before.exhausted()) return nothingToFree(before, where);
        Steps.Ordered order = Steps.preferRecorded(own, ctx.playbookSteps());
        if (order.usedPlaybook()) Steps.say(ctx, order.note());
        if (ctx.dryRun()) return Outcome.retry(order.plan(), order.explain("would free space on " + where + " (" + before.free() + ")"));
        Now[] after = {before};
        Steps.Applied done = Steps.applyUntil(order.plan(), ctx, () -> !(after[0] = probe(ctx, path, logDir)).exhausted());
        if (!done.ok()) return Outcome.gaveUp(done.actions(), order.explain(done.failure()));
        if (after[0].exhausted()) {
            return Outcome.gaveUp(done.actions(), order.explain("freed what was ours on " + where + " but it is still full (" + after[0].free()
                    + "); the rest is not ours to remove: free space by hand, then retry"));
        }
        String skipped = done.actions().size() < order.plan().size()
                ? "; enough after " + done.actions().size() + " of " + order.plan().size() + " step(s), the rest left alone" : "";
        return Outcome.retry(done.actions(), order.explain(where + " has " + after[0].free() + " now (was " + before.availKb / 1024
                + " MB)" + skipped + ": retry now"));
    }

    static Outcome nothingToFree(Now now, String where) {
        if (!now.exhausted()) return Outcome.retry(List.of(), where + " has " + now.free() + ": nothing to free, retry now");
        return Outcome.gaveUp(List.of(), where + " is full (" + now.free() + ") and nothing on it is ours to free "
                + "(no old rotated logs, no dangling images or build cache); user files are never removed: free space by hand");
    }

    static String logDir(SolveContext ctx) { return ServiceDirs.runtimeDir(ctx.host()) + "/logs"; }

    static final String PRUNE_IMAGES = "prune dangling docker images", PRUNE_CACHE = "prune docker build cache",
            REMOVE_LOGS = "remove old rotated logs of this tool";

    /**
     * Pure: the alternatives, in the order tried without a playbook: docker's unreferenced data first (nobody's),
     * then this tool's old logs (they tell past failures' stories). Each is tried in turn until there is enough
     * space; a recorded playbook moves the steps that worked before to the front. The names before ": " are the
     * knowledge base's keys: keep them.
     */
    static List<Action> plan(Now now, String logDir) {
        List<Action> plan = new ArrayList<>();
        if (now.docker() && now.dangling() > 0) {
            plan.add(Action.planned(PRUNE_IMAGES + ": " + now.dangling() + " image(s) no tag or container references", "docker image prune -f", false));
        }
        if (now.docker() && now.buildCache()) plan.add(Action.planned(PRUNE_CACHE, "docker builder prune -f", false));
        if (!now.oldLogs().isEmpty()) {
            StringBuilder rm = new StringBuilder("rm -f --");
            now.oldLogs().forEach(f -> rm.append(' ').append(Sh.quote(logDir + "/" + f)));
            plan.add(Action.planned(REMOVE_LOGS + ": " + now.oldLogs().size() + " file(s) in " + logDir
                    + " (the newest .log.1 of each is kept): " + String.join(", ", now.oldLogs()), rm.toString(), false));
        }
        return plan;
    }

    /** Pure: a rotated log of ours beyond the newest one, by file name. */
    static boolean oldRotatedLog(String name) {
        Matcher m = ROTATED.matcher(name);
        return m.matches() && Long.parseLong(m.group(1)) >= 2;
    }

    Now probe(SolveContext ctx, String path, String logDir) {
        return parse(Steps.check(ctx, probeScript(path, logDir)).stdout());
    }

    static String probeScript(String path, String logDir) {
        return "df -Pk " + Sh.quote(path) + " | awk 'NR==2 { print \"@@df\", $2, $4 }'\n"
                + "[ -d " + Sh.quote(logDir) + " ] && find " + Sh.quote(logDir) + " -maxdepth 1 -type f -name '*.log.*' -printf '@@log %f\\n'\n"
                + "if command -v docker >/dev/null 2>&1 && timeout 10 docker info >/dev/null 2>&1; then\n"
                + "  echo \"@@dangling $(docker image ls -q -f dangling=true | wc -l)\"\n"
                + "  docker system df --format '{{.Type}}|{{.Reclaimable}}' | awk -F'|' '$1 == \"Build Cache\" { print \"@@cache\", $2 }'\n"
                + "fi\ntrue\n";
    }

    static Now parse(String out) {
        long size = 0, avail = 0;
        boolean docker = false, cache = false;
        int dangling = 0;
        List<String> logs = new ArrayList<>();
        for (String line : out.split("\n")) {
            String[] w = line.strip().split("\\s+", 2);
            String rest = w.length > 1 ? w[1].strip() : "";
            switch (w[0]) {
                case "@@df" -> {
                    String[] n = rest.split("\\s+");
                    size = Long.parseLong(n[0]);
                    avail = Long.parseLong(n[1]);
                }
                case "@@log" -> { if (oldRotatedLog(rest)) logs.add(rest); }
                case "@@dangling" -> { docker = true; dangling = Integer.parseInt(rest); }
                case "@@cache" -> cache = !rest.startsWith("0B");
                default -> { }
            }
        }
        logs.sort(null);
        return new Now(size, avail, docker, dangling, cache, logs);
    }

    public static void main(String[] args) {
        System.exit(PatternMain.run(new disk_exhausted(), "disk_exhausted", args));
    }
}

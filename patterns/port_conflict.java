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
import java.util.Map;
import lib.deploy.local.LocalCommands;
import lib.diagnose.Problem;
import lib.solve.Action;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.Pattern;
import lib.solve.PatternMain;
import lib.solve.SolveContext;
import lib.solve.Steps;
import lib.util.Sh;

/**
 * Fingerprint: port_conflict — another process listens on the service's port.
 * Reads details: port, pid (holder), command (holder's command line); optional service_pid, service_command (else
 * read from the service's PID file and its .meta on the host).
 * Changes: stops the holder. A stale copy of this service (same command as its recorded start, not the process the
 * PID file proves running) is stopped without asking. Anything else is DESTRUCTIVE: killed only with --yes or an
 * interactive yes; otherwise needs_confirmation with the holder's pid and command. The service's own running process
 * (or its children) is never touched. Re-checks first: a port that is free now, or a holder that changed, is left alone.
 */
public class port_conflict implements Pattern {
    /** The stable names of the steps (the knowledge base's keys, see {@link Pattern}): details follow ": ". */
    static final String STOP_STALE = "stop the stale copy of the service holding the port",
            KILL_FOREIGN = "kill the foreign process holding the port";

    /** What the host says now about the port and the service: one round trip. */
    record Now(boolean held, String args, int pgid, Integer servicePid, boolean serviceAlive, String serviceCommand) {
        boolean ownProcess(int pid) {
            return serviceAlive && servicePid != null && (pid == servicePid || pgid == servicePid);
        }

        boolean staleCopy(String start) {
            String a = args.strip();
            return start != null && !start.isBlank() && (a.equals(start.strip()) || a.equals("sh -c " + start.strip()));
        }
    }

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        Integer port = Details.integer(problem, "port"), pid = Details.integer(problem, "pid");
        if (port == null || pid == null) {
            return Outcome.gaveUp(List.of(), "port conflict without a known holder (port " + port + ", pid " + pid
                    + "): find it with `ss -ltnp` on " + problem.host() + " and stop it by hand");
        }
        Now now = parse(Steps.check(ctx, probe(ctx, port, pid)).stdout());
        if (!now.held()) return Outcome.fixed(List.of(), "port " + port + " is no longer held by pid " + pid + ": nothing to do");
        if (now.ownProcess(pid)) {
            return Outcome.gaveUp(List.of(), "port " + port + " is held by " + problem.service() + "'s own running process (pid " + pid
                    + "): not a conflict, nothing was stopped");
        }
        String start = Details.str(problem, "service_command") != null ? Details.str(problem, "service_command") : now.serviceCommand();
        return now.staleCopy(start) ? stopStaleCopy(problem, ctx, port, pid, now) : stopForeign(problem, ctx, port, pid, now);
    }

    Outcome stopStaleCopy(Problem p, SolveContext ctx, int port, int pid, Now now) {
        List<Action> plan = List.of(Action.planned(STOP_STALE + ": " + p.service() + " pid " + pid + " (`" + now.args() + "`) holding port " + port,
                kill(pid, now.args()), false));
        return finish(ctx, plan, port);
    }

    Outcome stopForeign(Problem p, SolveContext ctx, int port, int pid, Now now) {
        String who = "pid " + pid + " (`" + now.args().strip() + "`)";
        List<Action> plan = List.of(Action.planned(KILL_FOREIGN + ": " + who + " holds port " + port + " and is not " + p.service(), kill(pid, now.args()), true));
        if (ctx.dryRun()) return Outcome.needsConfirmation(plan, "would kill " + who + " to free port " + port + " (needs --yes)");
        if (!ctx.mayDestroy("Port " + port + " on " + p.host() + " is held by " + who + ". Kill it?")) {
            return Outcome.needsConfirmation(plan, "port " + port + " on " + p.host() + " is held by " + who
                    + ", which is not " + p.service() + ": not killed; stop it yourself or rerun with --yes");
        }
        return finish(ctx, plan, port);
    }

    Outcome finish(SolveContext ctx, List<Action> plan, int port) {
        Steps.Applied done = Steps.apply(plan, ctx);
        if (ctx.dryRun()) return Outcome.fixed(plan, "would free port " + port);
        if (!done.ok()) return Outcome.gaveUp(done.actions(), done.failure());
        boolean free = Steps.check(ctx, "ss -Hltn 'sport = :" + port + "' | wc -l").stdout().strip().equals("0");
        return free ? Outcome.fixed(done.actions(), "port " + port + " is free; retry the start")
                : Outcome.gaveUp(done.actions(), "port " + port + " is still held after stopping the holder");
    }

    /** Holder still listening, its command and group, and the service's PID-file process (alive per its identity?). */
    static String probe(SolveContext ctx, int port, int pid) {
        String run = ctx.host() == null || ctx.service() == null ? "/nonexistent"
                : lib.deploy.ServiceDirs.runtimeDir(ctx.host()) + "/run/" + ctx.service().name();
        return LocalCommands.IDENT
                + "echo \"@@held $(ss -Hltnp 'sport = :" + port + "' 2>/dev/null | grep -c 'pid=" + pid + ",')\"\n"
                + "echo \"@@pgid $(ps -o pgid= -p " + pid + " 2>/dev/null | tr -d ' ')\"\n"
                + "echo \"@@args $(ps -o args= -p " + pid + " 2>/dev/null | head -c 200)\"\n"
                + "sp=$(head -c 32 " + Sh.quote(run + ".pid") + " 2>/dev/null | tr -dc 0-9); echo \"@@svcpid $sp\"\n"
                + "rec=$(sed -n 's/^start=//p' " + Sh.quote(run + ".meta") + " 2>/dev/null)\n"
                + "if [ -n \"$sp\" ] && [ -n \"$rec\" ] && [ \"$(ident \"$sp\")\" = \"$rec\" ]; then echo \"@@alive 1\"; fi\n"
                + "sed -n 's/^command=/@@svccmd /p' " + Sh.quote(run + ".meta") + " 2>/dev/null\n";
    }

    static Now parse(String out) {
        Map<String, String> f = new java.util.HashMap<>();
        for (String line : out.split("\n")) {
            String[] w = line.split(" ", 2);
            if (w[0].startsWith("@@")) f.put(w[0].substring(2), w.length > 1 ? w[1].strip() : "");
        }
        Integer sp = f.getOrDefault("svcpid", "").isEmpty() ? null : Integer.valueOf(f.get("svcpid"));
        int pgid = f.getOrDefault("pgid", "").isEmpty() ? -1 : Integer.parseInt(f.get("pgid"));
        return new Now(!"0".equals(f.getOrDefault("held", "0")), f.getOrDefault("args", ""), pgid, sp, f.containsKey("alive"), f.get("svccmd"));
    }

    /**
     * TERM (its process group when it leads one), up to 3 s, then KILL (a zombie counts as gone: some inits never reap) — but only while the PID still runs the command
     * we saw, so a PID reused since the check is never hit.
     */
    static String kill(int pid, String args) {
        return LocalCommands.IDENT + "p=" + pid + "; a=" + Sh.quote(args.strip()) + "\n"
                + "[ \"$(ps -o args= -p $p 2>/dev/null | head -c 200 | sed 's/ *$//')\" = \"$a\" ] || exit 0\n"
                + "if [ \"$(ps -o pgid= -p $p | tr -d ' ')\" = \"$p\" ]; then g=\"-- -$p\"; else g=$p; fi\n"
                + "kill -s TERM $g 2>/dev/null; i=0; while [ -n \"$(ident $p)\" ] && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "kill -s KILL $g 2>/dev/null; i=0; while [ -n \"$(ident $p)\" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done; true\n";
    }

    public static void main(String[] args) {
        System.exit(PatternMain.run(new port_conflict(), "port_conflict", args));
    }
}

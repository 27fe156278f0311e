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
import lib.deploy.ServiceDirs;
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
 * Fingerprint: stale_process — the service's PID file names a process that is gone (or that is now another program),
 * possibly with orphans of the old run still alive in its process group.
 * Reads details: pid_file (optional; default `<path>/.portoser/run/<service>.pid`).
 * Changes: terminates the old run's orphans (TERM, then KILL; only members of the dead leader's process group, which
 * the kernel never hands to anyone else while a member lives), then removes the PID file and its .meta. Not
 * destructive to anything but the service's own leftovers: a live PID whose start time matches the record is the
 * running service and is left alone; a reused PID (other start time) is never signalled.
 */
public class stale_process implements Pattern {
    enum State { NO_PID_FILE, RUNNING, REUSED, GONE }

    record Now(State state, int pid, int orphans) {}

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String pidFile = Details.str(problem, "pid_file") != null ? Details.str(problem, "pid_file")
                : ServiceDirs.runtimeDir(ctx.host()) + "/run/" + problem.service() + ".pid";
        Now now = parse(Steps.check(ctx, probe(pidFile)).stdout());
        return switch (now.state()) {
            case NO_PID_FILE -> Outcome.fixed(List.of(), "no PID file at " + pidFile + ": nothing stale to clean");
            case RUNNING -> Outcome.gaveUp(List.of(), "PID " + now.pid() + " in " + pidFile + " is " + problem.service()
                    + "'s running process (its start time matches the record): not stale, nothing was stopped");
            default -> clean(ctx, plan(now, pidFile), pidFile);
        };
    }

    /** Pure: orphans first (while the group id still proves whose they are), then the PID file and sidecar. Steps in
     *  sequence, not alternatives; their names (before ": ") are the knowledge base's keys. */
    static List<Action> plan(Now now, String pidFile) {
        List<Action> plan = new ArrayList<>();
        if (now.state() == State.GONE && now.orphans() > 0) {
            plan.add(Action.planned("terminate the old run's orphans: " + now.orphans() + " in process group " + now.pid(),
                    killGroup(now.pid()), false));
        }
        String meta = lib.deploy.local.LocalSpec.metaFileFor(pidFile);
        plan.add(Action.planned("remove the stale PID file and its .meta: " + pidFile, "rm -f " + Sh.quote(pidFile) + " " + Sh.quote(meta), false));
        return plan;
    }

    Outcome clean(SolveContext ctx, List<Action> plan, String pidFile) {
        Steps.Applied done = Steps.apply(plan, ctx);
        if (ctx.dryRun()) return Outcome.fixed(plan, "would clean " + pidFile);
        return done.ok() ? Outcome.fixed(done.actions(), "stale state cleaned; retry the start") : Outcome.gaveUp(done.actions(), done.failure());
    }

    static String probe(String pidFile) {
        String meta = lib.deploy.local.LocalSpec.metaFileFor(pidFile);
        return LocalCommands.IDENT + "[ -f " + Sh.quote(pidFile) + " ] || { echo none; exit 0; }\n"
                + "p=$(head -c 32 " + Sh.quote(pidFile) + " | tr -dc 0-9); rec=$(sed -n 's/^start=//p' " + Sh.quote(meta) + " 2>/dev/null)\n"
                + "now=$(ident \"${p:-0}\"); o=$(ps -e -o pgid= -o stat= | awk -v g=\"${p:-0}\" '$1==g && $2!~/^Z/' | wc -l | tr -d ' ')\n"
                + "if [ -z \"$now\" ]; then s=gone; elif [ \"$now\" = \"$rec\" ]; then s=running; else s=reused; fi\n"
                + "echo \"$s ${p:-0} $o\"\n";
    }

    static Now parse(String out) {
        String[] w = out.strip().split("\\s+");
        if (w.length < 3) return new Now(State.NO_PID_FILE, 0, 0);
        return new Now(State.valueOf(w[0].toUpperCase()), Integer.parseInt(w[1]), Integer.parseInt(w[2]));
    }

    static String killGroup(int pgid) {
        String alive = "[ \"$(ps -e -o pgid= -o stat= | awk -v g=" + pgid + " '$1==g && $2!~/^Z/' | wc -l)\" -gt 0 ]";
        return "kill -s TERM -- -" + pgid + " 2>/dev/null; i=0; while " + alive + " && [ $i -lt 30 ]; do sleep 0.1; i=$((i+1)); done\n"
                + "kill -s KILL -- -" + pgid + " 2>/dev/null; i=0; while " + alive + " && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done; true\n";
    }

    public static void main(String[] args) {
        System.exit(PatternMain.run(new stale_process(), "stale_process", args));
    }
}

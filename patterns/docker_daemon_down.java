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
import lib.registry.Host;
import lib.solve.Action;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.Pattern;
import lib.solve.PatternMain;
import lib.solve.SolveContext;
import lib.solve.Steps;

/**
 * Fingerprint: docker_daemon_down — the docker CLI is on the host but the daemon does not answer.
 * Reads details: error (diagnose's last docker error), max_wait_ms (default 30000), init (what diagnose saw the host
 * offers: systemd, service or none; probed here when absent), and how to start it: start_command (run ON THE HOST
 * through the executor, like every other step; default: the host's `docker_start_command` in the registry) or
 * control_start_command (run on the control machine, where portoser runs, for daemons started from outside the
 * host: a hypervisor or cloud CLI, a bastion). A configured command wins over the host's init system. When both
 * are configured they are alternatives: the host's first, then the control machine's when the first command fails;
 * a recorded playbook puts the one that worked before first (said so), so a broken one is not retried every time.
 * Changes: starts the daemon — the configured command, else `systemctl start docker` when the host's PID 1 is
 * systemd, else `service docker start` when the host has /etc/init.d/docker; with none of these it gives up and
 * says what to configure (we never guess an init system). Then it polls `docker info` on the host (every 0.5 s,
 * bounded by max_wait_ms) and answers retry once the daemon answers, or gave_up with the last error. A daemon that
 * already answers is left alone (no action). Not destructive: starting a stopped daemon removes nothing.
 */
public class docker_daemon_down implements Pattern {
    static final String INFO = "timeout 10 docker info --format '{{.ServerVersion}}'";
    static final long POLL_MS = 500;

    static final String ON_HOST = "start the docker daemon on the host", FROM_CONTROL = "start the docker daemon from this machine",
            WITH_SYSTEMD = "start the docker daemon with systemd", WITH_SERVICE = "start the docker daemon with its init script",
            WAIT = "wait for docker info to answer";

    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String host = ctx.host().name();
        Result info = Steps.check(ctx, INFO);
        if (info.ok()) return Outcome.retry(List.of(), "the docker daemon on " + host + " answers (" + info.stdout().strip() + "): retry now");
        String onHost = Details.str(problem, "start_command") != null ? Details.str(problem, "start_command")
                : ctx.host().dockerStartCommand();
        String init = Details.str(problem, "init") != null ? Details.str(problem, "init")
                : Steps.check(ctx, lib.observe.ObserveScript.DOCKER_INIT).stdout().strip();
        List<Action> starts = starts(onHost, Details.str(problem, "control_start_command"), init);
        if (starts.isEmpty()) {
            return Outcome.gaveUp(List.of(), "cannot start docker on " + host + ": no docker_start_command is set for " + host
                    + " in the registry, PID 1 is not systemd and there is no /etc/init.d/docker; set docker_start_command, or start"
                    + " dockerd by hand, then check: docker info (last error: " + lastError(info) + ")");
        }
        long budget = Details.millis(problem, "max_wait_ms", 30_000);
        Steps.Ordered order = Steps.preferRecorded(starts, ctx.playbookSteps());
        if (order.usedPlaybook()) Steps.say(ctx, order.note());
        Action wait = Action.planned(WAIT + ": up to " + budget + " ms (" + INFO + ")", INFO, false);
        if (ctx.dryRun()) {
            List<Action> plan = new ArrayList<>(order.plan());
            plan.add(wait);
            return Outcome.retry(plan, order.explain("would start the docker daemon on " + host));
        }
        // The ways to start it are alternatives: one whose command fails (a broken init script, a missing CLI) gives
        // way to the next; once one ran, the daemon gets the whole budget to answer.
        List<Action> actions = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Action start : order.plan()) {
            Steps.Applied ran = Steps.apply(List.of(start), start.description().startsWith(FROM_CONTROL) ? onControlMachine(ctx) : ctx);
            actions.addAll(ran.actions());
            if (ran.ok()) {
                Steps.say(ctx, wait.description());
                Outcome o = waitForDaemon(ctx, budget, actions, wait);
                String after = failures.isEmpty() ? "" : " (" + String.join("; ", failures) + ")";
                return new Outcome(o.status(), o.actions(), order.explain(o.message().replace(": retry now", after + ": retry now")));
            }
            failures.add(ran.failure());
        }
        return Outcome.gaveUp(actions, order.explain("no way to start docker on " + host + " worked: " + String.join("; ", failures)));
    }

    /** Pure: the ways to start the daemon, in the order tried without a playbook: configured commands (the host's, then
     *  the control machine's), else what the host's {@code init} offers (`systemd`: systemctl, `service`: its init
     *  script) — never as well as a configured command, and nothing for any other init: we never guess. */
    static List<Action> starts(String onHost, String onControl, String init) {
        List<Action> out = new ArrayList<>();
        if (onHost != null) out.add(Action.planned(ON_HOST + ": " + onHost, onHost, false));
        if (onControl != null) out.add(Action.planned(FROM_CONTROL + ": " + onControl, onControl, false));
        if (!out.isEmpty()) return out;
        if ("systemd".equals(init)) out.add(Action.planned(WITH_SYSTEMD + ": systemctl start docker", "systemctl start docker", false));
        else if ("service".equals(init)) out.add(Action.planned(WITH_SERVICE + ": service docker start", "service docker start", false));
        return out;
    }

    /** Pure: the host's configured command, else the control machine's, else the init system's, else none. */
    static String startCommand(String onHost, String onControl, String init) {
        List<Action> s = starts(onHost, onControl, init);
        return s.isEmpty() ? null : s.get(0).command();
    }

    /** The same context aimed at this machine: the executor runs commands for a loopback host locally. */
    static SolveContext onControlMachine(SolveContext ctx) {
        Host here = new Host("control", "127.0.0.1", null, Host.DEFAULT_SSH_PORT, null, "/", null, List.of(), "the control machine");
        return new SolveContext(ctx.executor(), ctx.registry(), here, ctx.service(), ctx.dryRun(), ctx.yes(), ctx.confirm(), ctx.out(),
                ctx.playbookSteps());
    }

    Outcome waitForDaemon(SolveContext ctx, long budget, List<Action> done, Action wait) {
        long start = System.nanoTime();
        List<Action> actions = new ArrayList<>(done);
        actions.add(wait.ran());
        Result last;
        long ms;
        do {
            last = Steps.check(ctx, INFO);
            ms = (System.nanoTime() - start) / 1_000_000;
            if (last.ok()) return Outcome.retry(actions, "the docker daemon on " + ctx.host().name() + " answers after " + ms + " ms: retry now");
            Steps.pause(Math.min(POLL_MS, Math.max(0, budget - ms)), "the docker daemon");
        } while ((System.nanoTime() - start) / 1_000_000 < budget);
        return Outcome.gaveUp(actions, "the docker daemon on " + ctx.host().name() + " still does not answer after " + budget
                + " ms; last error: " + lastError(last));
    }

    static String lastError(Result r) {
        String e = (r.stderr() + r.stdout()).strip();
        return e.isEmpty() ? "exit " + r.exit() + (r.timedOut() ? " (timed out)" : "") : e;
    }


    public static void main(String[] args) {
        System.exit(PatternMain.run(new docker_daemon_down(), "docker_daemon_down", args));
    }
}

package deploy;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import lib.deploy.DeployException;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.Runner;
import lib.deploy.ServiceDirs;
import lib.deploy.UpResult;
import lib.exec.Result;
import lib.exec.SyncResult;
import lib.util.Sh;

/**
 * A real runner for the deployer's tests: the service file is a shell script, started detached on the host
 * (through the executor: directly here, over SSH on harness hosts) with its PID and log where the real local
 * runner keeps them. Nothing is faked: processes start, die, write logs and are killed.
 */
final class ShellRunner implements Runner {
    @Override
    public List<PreflightProblem> preflight(DeployTarget t) {
        List<PreflightProblem> out = new ArrayList<>();
        if (!Files.isRegularFile(ServiceDirs.localFile(t.registry(), t.service()))) {
            out.add(new PreflightProblem(t.service().name(), t.host().name(), "service file", "missing: "
                    + ServiceDirs.localFile(t.registry(), t.service()), "create it or fix service_file"));
        }
        Result r = t.executor().run(t.host(), "true");
        if (!r.ok()) out.add(new PreflightProblem(t.service().name(), t.host().name(), "reach", "cannot run commands", null));
        return out;
    }

    @Override
    public SyncResult sync(DeployTarget t) { return t.executor().sync(t.host(), t.localDir(), t.remoteDir()); }

    @Override
    public UpResult up(DeployTarget t) {
        stop(t);
        start(t);
        return new UpResult(null, "started " + script(t));
    }

    @Override
    public void start(DeployTarget t) {
        String rt = ServiceDirs.runtimeDir(t.host());
        run(t, "mkdir -p " + Sh.quote(rt + "/run") + " " + Sh.quote(rt + "/logs") + " && cd " + Sh.quote(t.remoteDir())
                + " && (setsid sh " + Sh.quote(script(t)) + " >>" + Sh.quote(t.logFile()) + " 2>&1 </dev/null & echo $! >" + Sh.quote(t.pidFile()) + ")");
    }

    @Override
    public void stop(DeployTarget t) {
        run(t, "p=$(cat " + Sh.quote(t.pidFile()) + " 2>/dev/null); [ -n \"$p\" ] && kill \"$p\" 2>/dev/null; rm -f " + Sh.quote(t.pidFile()) + "; true");
    }

    @Override
    public void restart(DeployTarget t) {
        stop(t);
        start(t);
    }

    @Override
    public boolean isRunning(DeployTarget t) {
        // A zombie is not running: this machine's PID 1 does not reap orphans, so `kill -0` alone would say yes.
        return t.executor().run(t.host(), "p=$(cat " + Sh.quote(t.pidFile()) + " 2>/dev/null); [ -n \"$p\" ]"
                + " && s=$(ps -o stat= -p \"$p\") && case \"$s\" in Z*) exit 1;; esac").ok();
    }

    @Override
    public String logs(DeployTarget t, int lines) {
        return t.executor().run(t.host(), "tail -n " + lines + " " + Sh.quote(t.logFile()) + " 2>/dev/null").stdout();
    }

    private static String script(DeployTarget t) {
        return ServiceDirs.localFile(t.registry(), t.service()).getFileName().toString();
    }

    private static void run(DeployTarget t, String cmd) {
        Result r = t.executor().run(t.host(), cmd);
        if (!r.ok()) throw new DeployException("command failed: " + r.stderr().strip(), null);
    }
}

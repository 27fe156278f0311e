package lib.deploy.unit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lib.deploy.DeployException;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.Runner;
import lib.deploy.ServiceDirs;
import lib.deploy.ServiceFile;
import lib.deploy.ServiceFileLoader;
import lib.deploy.UpResult;
import lib.exec.ExecException;
import lib.exec.Result;
import lib.exec.SyncResult;

/**
 * deployment_type native: the service file rendered as a systemd unit (Linux) or launchd agent (macOS) named
 * `portoser-<service>`, installed, and driven through systemctl / launchctl. The host's manager is detected once
 * per host per runner; a host without one is refused with the alternative (deployment_type: local).
 */
public final class NativeRunner implements Runner {
    private final Map<String, ServiceManager> managers = new ConcurrentHashMap<>();

    public NativeRunner() {}

    @Override
    public List<PreflightProblem> preflight(DeployTarget t) {
        ServiceFileLoader.Checked c = ServiceFileLoader.check(serviceFilePath(t), System.getenv());
        if (!c.ok()) return c.errors().stream().map(e -> problem(t, "service_file", e.format(), null)).toList();
        List<PreflightProblem> out = new ArrayList<>();
        if (!Files.isDirectory(t.localDir().resolve(c.file().workingDir()))) {
            out.add(problem(t, "working_dir", "working_dir '" + c.file().workingDir() + "' does not exist in " + t.localDir(),
                    "create it or fix working_dir in " + serviceFilePath(t)));
        }
        try {
            ServiceManager m = manager(t);
            if (m.absence() != null) out.add(problem(t, "service_manager", noManager(t, m).getMessage(), noManager(t, m).hint()));
        } catch (ExecException e) {
            out.add(problem(t, "ssh", e.getMessage(), e.hint()));
        }
        return out;
    }

    @Override
    public SyncResult sync(DeployTarget t) {
        return t.executor().sync(t.host(), t.localDir(), t.remoteDir());
    }

    @Override
    public UpResult up(DeployTarget t) {
        ServiceManager m = requireManager(t);
        UnitSpec spec = spec(t, m);
        boolean systemd = m.kind() == ServiceManager.Kind.SYSTEMD;
        String path = systemd ? UnitCommands.systemdPath(spec.name()) : UnitCommands.launchdPath(m.home(), spec.name());
        String content = systemd ? SystemdUnit.render(spec) : LaunchdPlist.render(spec);
        String logDir = t.logFile().substring(0, t.logFile().lastIndexOf('/'));
        boolean changed = run(t, UnitCommands.install(path, content, logDir, sudo(m)), "install").stdout().contains("@@changed");
        t.log((changed ? "installed " : "unchanged ") + path);
        if (systemd) {
            String state = run(t, UnitCommands.systemdUp(spec.name(), changed, sudo(m)), "systemctl restart").stdout();
            return new UpResult(null, spec.name() + " " + state.replace("@@state", "").strip());
        }
        run(t, UnitCommands.launchdUp(spec.name(), path), "launchctl bootstrap");
        return new UpResult(null, spec.name() + " loaded");
    }

    @Override
    public void start(DeployTarget t) {
        ServiceManager m = requireManager(t);
        String unit = unit(t);
        if (m.kind() == ServiceManager.Kind.SYSTEMD) run(t, UnitCommands.systemctl("start", unit, sudo(m)), "systemctl start");
        else run(t, UnitCommands.launchdStart(unit, UnitCommands.launchdPath(m.home(), unit)), "launchctl kickstart");
    }

    /** systemd runs ExecStop itself; launchd has no such hook, so a custom stop command runs before the unload. */
    @Override
    public void stop(DeployTarget t) {
        ServiceManager m = requireManager(t);
        if (m.kind() == ServiceManager.Kind.SYSTEMD) {
            run(t, UnitCommands.systemctl("stop", unit(t), sudo(m)), "systemctl stop");
            return;
        }
        UnitSpec spec = spec(t, m);
        if (spec.stop() != null) t.executor().run(t.host(), UnitCommands.inService(spec, spec.stop()));
        run(t, UnitCommands.launchdStop(spec.name()), "launchctl bootout");
    }

    /** With a `restart` command: systemd's reload (ExecReload) or the command itself; otherwise a full restart. */
    @Override
    public void restart(DeployTarget t) {
        ServiceManager m = requireManager(t);
        UnitSpec spec = spec(t, m);
        if (m.kind() == ServiceManager.Kind.SYSTEMD) {
            run(t, UnitCommands.systemctl(spec.restart() != null ? "reload" : "restart", spec.name(), sudo(m)), "systemctl restart");
        } else if (spec.restart() != null) {
            run(t, UnitCommands.inService(spec, spec.restart()), "restart command");
        } else {
            run(t, UnitCommands.launchdRestart(spec.name()), "launchctl kickstart");
        }
    }

    @Override
    public boolean isRunning(DeployTarget t) {
        ServiceManager m = manager(t);
        if (m.kind() == ServiceManager.Kind.NONE) return false;
        String check = m.kind() == ServiceManager.Kind.SYSTEMD ? UnitCommands.systemdActive(unit(t)) : UnitCommands.launchdActive(unit(t));
        return t.executor().run(t.host(), check).ok();
    }

    @Override
    public String logs(DeployTarget t, int lines) {
        return t.executor().run(t.host(), UnitCommands.tail(t.logFile(), lines)).stdout();
    }

    /** The host's manager, asked once per host for this runner's life (the factory makes one runner per run). */
    ServiceManager manager(DeployTarget t) {
        return managers.computeIfAbsent(t.host().name(), h -> ServiceManager.parse(run(t, ServiceManager.detectCommand(), "detect").stdout()));
    }

    private ServiceManager requireManager(DeployTarget t) {
        ServiceManager m = manager(t);
        if (m.absence() != null) throw noManager(t, m);
        return m;
    }

    static DeployException noManager(DeployTarget t, ServiceManager m) {
        String svc = t.service().name(), host = t.host().name();
        return new DeployException("cannot deploy " + svc + " as native on " + host + ": " + m.absence(),
                "use deployment_type: local for " + svc + " (portoser then starts and supervises the process itself),"
                        + " or run it on a host booted with systemd or launchd");
    }

    private static boolean sudo(ServiceManager m) {
        return m.kind() == ServiceManager.Kind.SYSTEMD && !m.root();
    }

    /** A system unit runs as root unless told otherwise: run it as the SSH user that owns the synced files. */
    private static UnitSpec spec(DeployTarget t, ServiceManager m) {
        ServiceFile f = ServiceFileLoader.load(serviceFilePath(t), System.getenv());
        return UnitSpec.of(t, f, sudo(m) ? t.host().sshUser() : null);
    }

    private static String unit(DeployTarget t) {
        return UnitSpec.unitName(t.service().name());
    }

    private static Result run(DeployTarget t, String command, String what) {
        Result r = t.executor().run(t.host(), command);
        if (!r.ok()) {
            String why = r.timedOut() ? "timed out" : "exit " + r.exit() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip());
            throw new DeployException(what + " of " + t.service().name() + " on " + t.host().name() + " failed (" + why + ")",
                    hint(t, what), null);
        }
        return r;
    }

    private static String hint(DeployTarget t, String what) {
        if (what.equals("install")) {
            return "check that " + t.host().sshUser() + " may write the unit file (root, or passwordless sudo) on " + t.host().name();
        }
        String look = what.startsWith("launchctl") ? "launchctl print gui/$(id -u)/" + unit(t) : "systemctl status " + unit(t);
        return "look at `" + look + "` and the log " + t.logFile() + " on " + t.host().name();
    }

    static Path serviceFilePath(DeployTarget t) {
        return ServiceDirs.localFile(t.registry(), t.service());
    }

    private static PreflightProblem problem(DeployTarget t, String check, String message, String hint) {
        return new PreflightProblem(t.service().name(), t.host().name(), check, message, hint);
    }
}

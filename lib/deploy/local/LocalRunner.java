package lib.deploy.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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
 * deployment_type local: a process started from the service file, detached on its host, with its PID in
 * `<path>/.portoser/run/<service>.pid` (plus a `.meta` sidecar holding the process start time that proves the
 * PID is still ours) and its output in `<path>/.portoser/logs/<service>.log`. Commands come from
 * {@link LocalCommands}; this class only runs them and reads their `@@` facts.
 */
public final class LocalRunner implements Runner {
    /** Tunables: how long stop waits after TERM, when logs rotate, how long a fresh process must survive. */
    public record Settings(Duration stopGrace, long rotateBytes, int keepLogs, Duration settle) {
        public static final Settings DEFAULT = new Settings(Duration.ofSeconds(10), LogRotation.DEFAULT_MAX_BYTES,
                LogRotation.DEFAULT_KEEP, Duration.ofMillis(500));
    }

    private final Settings settings;

    public LocalRunner() {
        this(Settings.DEFAULT);
    }

    public LocalRunner(Settings settings) {
        this.settings = settings;
    }

    @Override
    public List<PreflightProblem> preflight(DeployTarget t) {
        ServiceFileLoader.Checked c = ServiceFileLoader.check(serviceFilePath(t), System.getenv());
        if (!c.ok()) return c.errors().stream().map(e -> problem(t, "service_file", e.format(), null)).toList();
        List<PreflightProblem> out = new ArrayList<>(localFiles(t, c.file()));
        try {
            ProcState state = probe(t, LocalSpec.of(t, c.file()), ports(t, c.file()));
            for (ProcState.PortUse use : state.ports().values()) portProblem(t, state, use, out);
        } catch (ExecException e) {
            out.add(problem(t, "ssh", e.getMessage(), e.hint()));
        }
        return out;
    }

    /** working_dir and a relative env_file must exist in the service folder here: that folder is what gets synced. */
    private List<PreflightProblem> localFiles(DeployTarget t, ServiceFile f) {
        List<PreflightProblem> out = new ArrayList<>();
        if (!Files.isDirectory(t.localDir().resolve(f.workingDir()))) {
            out.add(problem(t, "working_dir", "working_dir '" + f.workingDir() + "' does not exist in " + t.localDir(),
                    "create it or fix working_dir in " + serviceFilePath(t)));
        }
        if (f.envFile() != null && !f.envFile().startsWith("/") && !Files.isRegularFile(t.localDir().resolve(f.envFile()))) {
            out.add(problem(t, "env_file", "env_file '" + f.envFile() + "' does not exist in " + t.localDir(),
                    "create it or remove env_file from " + serviceFilePath(t)));
        }
        return out;
    }

    private static void portProblem(DeployTarget t, ProcState state, ProcState.PortUse use, List<PreflightProblem> out) {
        if (use.listeners() == 0) return;
        Integer ours = state.running() ? state.pid() : null;
        List<ProcState.Holder> foreign = use.holders().stream().filter(h -> !h.belongsTo(ours)).toList();
        if (!use.holders().isEmpty() && foreign.isEmpty()) return;
        String who = foreign.isEmpty() ? "a process portoser cannot see (not running as root?)"
                : foreign.stream().map(h -> "pid " + h.pid() + " (" + h.args().strip() + ")").reduce((a, b) -> a + ", " + b).orElse("");
        out.add(problem(t, "port", "port " + use.port() + " is in use on " + t.host().name() + " by " + who,
                "stop that process, or give " + t.service().name() + " another port in the registry and its service file"));
    }

    @Override
    public SyncResult sync(DeployTarget t) {
        return t.executor().sync(t.host(), t.localDir(), t.remoteDir());
    }

    /** Always a fresh process: the synced files may have changed under the old one. */
    @Override
    public UpResult up(DeployTarget t) {
        LocalSpec spec = spec(t);
        ProcState state = probe(t, spec, List.of());
        if (state.running()) stopRunning(t, spec, state);
        else cleanIfStale(t, spec, state);
        int pid = launch(t, spec, state);
        return new UpResult(null, "pid " + pid);
    }

    @Override
    public void start(DeployTarget t) {
        LocalSpec spec = spec(t);
        ProcState state = probe(t, spec, List.of());
        if (state.running()) {
            t.log("already running (pid " + state.pid() + ")");
            return;
        }
        cleanIfStale(t, spec, state);
        launch(t, spec, state);
    }

    @Override
    public void stop(DeployTarget t) {
        LocalSpec spec = spec(t);
        ProcState state = probe(t, spec, List.of());
        if (state.running()) stopRunning(t, spec, state);
        else if (!cleanIfStale(t, spec, state)) t.log("not running");
    }

    /** The service's `restart` command reloads a running process in place; without one, stop then start. */
    @Override
    public void restart(DeployTarget t) {
        LocalSpec spec = spec(t);
        ProcState state = probe(t, spec, List.of());
        if (state.running() && spec.restart() != null) {
            String out = run(t, LocalCommands.reload(spec), "restart").stdout();
            if (!out.contains("@@exit 0")) {
                throw new DeployException("the restart command of " + spec.service() + " failed: " + spec.restart(),
                        "see the log: " + spec.logFile(), logs(t, 50));
            }
            return;
        }
        if (state.running()) stopRunning(t, spec, state);
        else cleanIfStale(t, spec, state);
        launch(t, spec, state);
    }

    @Override
    public boolean isRunning(DeployTarget t) {
        return probe(t, spec(t), List.of()).running();
    }

    @Override
    public String logs(DeployTarget t, int lines) {
        return t.executor().run(t.host(), LocalCommands.tail(t.logFile(), lines)).stdout();
    }

    private int launch(DeployTarget t, LocalSpec spec, ProcState before) {
        boolean rotate = LogRotation.due(before.logSize(), settings.rotateBytes());
        if (rotate) t.log("rotating " + spec.logFile() + " (" + before.logSize() + " bytes)");
        String out = run(t, LocalCommands.start(spec, rotate, settings.keepLogs(), settings.settle()), "start").stdout();
        if (out.contains("@@nodir")) {
            throw new DeployException("working directory " + spec.workDir() + " does not exist on " + t.host().name(),
                    "check working_dir in the service file and deploy (which syncs the service folder) again");
        }
        if (out.contains("@@noenvfile")) {
            throw new DeployException("env_file " + spec.envFile() + " is not readable on " + t.host().name(), "check env_file in the service file");
        }
        Integer pid = fact(out, "@@started");
        if (pid == null) {
            throw new DeployException(spec.service() + " exited right after it started on " + t.host().name(),
                    "see the log: " + spec.logFile(), logs(t, 50));
        }
        t.log("started pid " + pid);
        return pid;
    }

    private void stopRunning(DeployTarget t, LocalSpec spec, ProcState state) {
        String out = run(t, LocalCommands.stop(spec, state.pid(), state.now(), settings.stopGrace()), "stop").stdout();
        if (out.contains("@@killed")) {
            t.log("pid " + state.pid() + " ignored TERM for " + settings.stopGrace().toSeconds() + "s: killed");
        } else if (out.contains("@@changed")) {
            t.log("pid " + state.pid() + " exited before it was signalled");
            cleanIfStale(t, spec, probe(t, spec, List.of()));
        } else {
            t.log("stopped pid " + state.pid());
        }
    }

    /** A stale PID file is reported and removed; its PID is never signalled (it may be someone else's now). */
    private boolean cleanIfStale(DeployTarget t, LocalSpec spec, ProcState state) {
        if (!state.stale()) return false;
        t.log(state.staleReason() + "; removed it, nothing was killed");
        run(t, LocalCommands.clean(spec, state.pid()), "clean");
        return true;
    }

    private ProcState probe(DeployTarget t, LocalSpec spec, List<Integer> ports) {
        return ProcState.parse(run(t, LocalCommands.probe(spec, ports), "probe").stdout());
    }

    private Result run(DeployTarget t, String command, String what) {
        Result r = t.executor().run(t.host(), command);
        if (!r.ok()) {
            String why = r.timedOut() ? "timed out" : "exit " + r.exit() + (r.stderr().isBlank() ? "" : ": " + r.stderr().strip());
            throw new DeployException(what + " of " + t.service().name() + " on " + t.host().name() + " failed (" + why + ")",
                    "check that " + t.host().sshUser() + " may write under " + t.host().path());
        }
        return r;
    }

    private static Integer fact(String out, String tag) {
        for (String line : out.split("\n")) {
            if (line.startsWith(tag + " ")) return Integer.valueOf(line.substring(tag.length() + 1).strip());
        }
        return null;
    }

    /** The registry's port and the service file's, when given (they may differ: a proxy port vs the process's). */
    static List<Integer> ports(DeployTarget t, ServiceFile f) {
        Set<Integer> ports = new LinkedHashSet<>();
        if (t.service().port() != null) ports.add(t.service().port());
        if (f.port() != null) ports.add(f.port());
        return List.copyOf(ports);
    }

    static LocalSpec spec(DeployTarget t) {
        return LocalSpec.of(t, ServiceFileLoader.load(serviceFilePath(t), System.getenv()));
    }

    static Path serviceFilePath(DeployTarget t) {
        return ServiceDirs.localFile(t.registry(), t.service());
    }

    private static PreflightProblem problem(DeployTarget t, String check, String message, String hint) {
        return new PreflightProblem(t.service().name(), t.host().name(), check, message, hint);
    }
}

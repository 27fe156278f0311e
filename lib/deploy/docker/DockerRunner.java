package lib.deploy.docker;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.deploy.DeployException;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.Runner;
import lib.deploy.ServiceDirs;
import lib.deploy.UpResult;
import lib.exec.ExecException;
import lib.exec.Result;
import lib.exec.SyncResult;

/**
 * Docker compose services: the service folder is synced to {@code <host path>/<service>/}, then compose runs
 * there with project name = service name, through whichever compose the host has. Output lines stream to the
 * target's listener. Volumes and bind-mounted data are never removed.
 */
public final class DockerRunner implements Runner {
    static final int LOG_TAIL = 50;
    // Creating containers may pull images; the default command timeout (2 min) is too short for that.
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(10);

    public DockerRunner() {}

    @Override
    public List<PreflightProblem> preflight(DeployTarget t) { return DockerPreflight.run(t); }

    @Override
    public SyncResult sync(DeployTarget t) {
        try {
            return t.executor().sync(t.host(), t.localDir(), t.remoteDir());
        } catch (ExecException e) {
            throw new DeployException(e.getMessage(), e.hint());
        }
    }

    @Override
    public UpResult up(DeployTarget t) {
        ComposeCommands c = compose(t);
        compose(t, c, "up", c.up());
        Map<String, String> images = images(t);
        return new UpResult(images, images.size() + " container(s) running, " + c.flavor());
    }

    @Override
    public void start(DeployTarget t) { ComposeCommands c = compose(t); compose(t, c, "start", c.start()); }

    @Override
    public void stop(DeployTarget t) { ComposeCommands c = compose(t); compose(t, c, "stop", c.stop()); }

    @Override
    public void restart(DeployTarget t) { ComposeCommands c = compose(t); compose(t, c, "restart", c.restart()); }

    /** Removes the project's containers and networks (plain `down`): volumes and bind-mounted data stay. */
    public void down(DeployTarget t) { ComposeCommands c = compose(t); compose(t, c, "down", c.down()); }

    @Override
    public boolean isRunning(DeployTarget t) {
        Result r = run(t, DockerCommands.running(project(t)));
        if (!r.ok()) throw dockerFailed(t, "docker ps", r);
        return !r.stdout().isBlank();
    }

    @Override
    public String logs(DeployTarget t, int lines) {
        Result r = run(t, compose(t).logs(lines));
        return r.ok() ? r.stdout() : "(no logs: " + lastLine(r.stderr() + "\n" + r.stdout()) + ")";
    }

    /** Container name → image id of the project's running containers. */
    public Map<String, String> images(DeployTarget t) {
        Result r = run(t, DockerCommands.images(project(t)));
        if (!r.ok()) throw dockerFailed(t, "docker inspect", r);
        return imagesFrom(r.stdout());
    }

    /** Parses `/name sha256:…` lines (docker inspect's {{.Name}} has a leading slash). */
    static Map<String, String> imagesFrom(String inspectOutput) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : inspectOutput.split("\n")) {
            String[] f = line.strip().split("\\s+");
            if (f.length == 2) out.put(f[0].startsWith("/") ? f[0].substring(1) : f[0], f[1]);
        }
        return out;
    }

    ComposeCommands compose(DeployTarget t) {
        String file = ServiceDirs.localFile(t.registry(), t.service()).getFileName().toString();
        return new ComposeCommands(ComposeFlavors.of(t.executor(), t.host()), t.remoteDir(), file, project(t));
    }

    private static String project(DeployTarget t) { return DockerCommands.project(t.service().name()); }

    /** Runs a compose command, streaming its lines; a failure carries the containers' last log lines. */
    private void compose(DeployTarget t, ComposeCommands c, String verb, String command) {
        Duration timeout = longer(t.executor().options().commandTimeout(), UP_TIMEOUT);
        Result r = exec(t, command, timeout, true);
        if (r.ok()) return;
        String why = r.timedOut() ? "timed out after " + timeout.toSeconds() + " s" : "exit " + r.exit() + ": " + lastLine(r.stderr() + "\n" + r.stdout());
        throw new DeployException(t.service().name() + "@" + t.host().name() + ": compose " + verb + " failed (" + why + ")",
                "fix what the log lines show, then deploy again", logTail(t, r));
    }

    /** The containers' last lines, then compose's own output (its error last, where a reader looks first). */
    private String logTail(DeployTarget t, Result failed) {
        String logs = "";
        try {
            logs = logs(t, LOG_TAIL);
        } catch (RuntimeException e) {
            // the host may be why compose failed; compose's output below still says so
        }
        String containers = logs.startsWith("(no logs") ? "" : logs.lines().filter(l -> !l.startsWith("Attaching to")).collect(java.util.stream.Collectors.joining("\n"));
        return tail((containers.isBlank() ? "" : containers + "\n") + failed.stdout() + failed.stderr(), LOG_TAIL);
    }

    private Result run(DeployTarget t, String command) {
        return exec(t, command, t.executor().options().commandTimeout(), false);
    }

    private Result exec(DeployTarget t, String command, Duration timeout, boolean stream) {
        try {
            return t.executor().run(t.host(), command, timeout, stream ? (line, err) -> t.log(line) : lib.exec.LineSink.NONE);
        } catch (ExecException e) {
            throw new DeployException(e.getMessage(), e.hint());
        }
    }

    private static DeployException dockerFailed(DeployTarget t, String what, Result r) {
        return new DeployException(t.host().name() + ": " + what + " failed: " + lastLine(r.stderr() + "\n" + r.stdout()),
                "check that the docker daemon runs on " + t.host().name());
    }

    static String lastLine(String text) {
        List<String> lines = text.strip().lines().filter(l -> !l.isBlank()).toList();
        return lines.isEmpty() ? "no output" : lines.get(lines.size() - 1).strip();
    }

    static String tail(String text, int n) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    private static Duration longer(Duration a, Duration b) { return a.compareTo(b) >= 0 ? a : b; }
}

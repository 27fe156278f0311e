package lib.deploy;

import java.time.Duration;
import lib.exec.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import lib.registry.DeploymentType;
import lib.registry.HealthCheck;
import lib.registry.Service;
import lib.status.HealthProbe;
import lib.status.StatusReport.Health;

/**
 * Waits until a just-started service is healthy, or fails with the evidence. The check comes from the registry —
 * `healthcheck_url` (HTTP 2xx/3xx from here, `{host}` expanded), `healthcheck: {tcp}` (from here) or
 * `{cmd}` (run on the host, in the service's folder) — or, when the registry gives none, from the `healthcheck` of a
 * local or native service's service file. It is tried `healthcheck_retries` times every `healthcheck_interval`.
 * A service without any check counts as healthy when it still runs after {@code settle}.
 */
public final class HealthBarrier {
    public static final int LOG_LINES = 50;

    private final HealthProbe probe;

    public HealthBarrier(Duration probeTimeout) {
        this.probe = new HealthProbe(probeTimeout);
    }

    public HealthBarrier() { this(Duration.ofSeconds(5)); }

    /** One check, right now: for dependencies outside a plan and for `dependencies check`. */
    public Health checkOnce(DeployTarget t, Runner runner) {
        return checkOnce(t, checked(t), runner);
    }

    private Health checkOnce(DeployTarget t, Service s, Runner runner) {
        if (s.healthcheck() != null && s.healthcheck().cmd() != null) return command(t, s.healthcheck().cmd());
        Health h = probe.check(s, t.host());
        if (h != null) return h;
        boolean running = runner.isRunning(t);
        return new Health("running", s.name(), running, running ? "running (no health check)" : "not running");
    }

    /** Returns the passing check's detail, or throws with the last {@value #LOG_LINES} log lines. */
    public String await(DeployTarget t, Runner runner, Duration settle) {
        Service s = checked(t);
        if (s.healthcheckUrl() == null && s.healthcheck() == null) return settled(t, runner, settle);
        Health last = null;
        for (int attempt = 1; attempt <= Math.max(1, s.healthcheckRetries()); attempt++) {
            if (attempt > 1) sleep(s.healthcheckInterval());
            last = checkOnce(t, s, runner);
            if (Boolean.TRUE.equals(last.ok())) return last.kind() + " " + last.target() + ": " + last.detail();
            // A process that already exited will never pass: fail now instead of waiting out the retries.
            if (!runner.isRunning(t)) throw unhealthy(t, runner, "exited before it became healthy (" + describe(last) + ")");
        }
        throw unhealthy(t, runner, "not healthy after " + s.healthcheckRetries() + " checks every "
                + s.healthcheckInterval().toMillis() + " ms (" + describe(last) + ")");
    }

    private String settled(DeployTarget t, Runner runner, Duration settle) {
        sleep(settle);
        if (runner.isRunning(t)) return "running after " + settle.toMillis() + " ms (no health check)";
        throw unhealthy(t, runner, "stopped within " + settle.toMillis() + " ms of starting");
    }

    /** The service with the check to use: the registry's, else its service file's (local and native only). */
    static Service checked(DeployTarget t) {
        Service s = t.service();
        if (s.hasHealthcheck() || s.serviceFile() == null || s.deploymentType() == DeploymentType.DOCKER) return s;
        Path file = ServiceDirs.localFile(t.registry(), s);
        if (!Files.isRegularFile(file)) return s;
        // Validating the file is the runner's preflight's job: an unreadable one just contributes no check here.
        ServiceFileLoader.Checked c = ServiceFileLoader.check(file, System.getenv());
        HealthCheck fromFile = c.ok() ? c.file().healthcheck() : null;
        return fromFile == null ? s : s.withHealthcheck(fromFile);
    }

    private Health command(DeployTarget t, String cmd) {
        Result r = t.executor().run(t.host(), "cd " + lib.util.Sh.quote(t.remoteDir()) + " 2>/dev/null; " + cmd);
        String out = (r.stdout() + r.stderr()).strip();
        String detail = r.ok() ? "exit 0" : (r.timedOut() ? "timed out" : "exit " + r.exit()) + (out.isEmpty() ? "" : ": " + lastLine(out));
        return new Health("cmd", cmd, r.ok(), detail);
    }

    private static DeployException unhealthy(DeployTarget t, Runner runner, String why) {
        return new DeployException(t.service().name() + "@" + t.host().name() + " " + why,
                "its last log lines are below; check again with: portoser status " + t.service().name(), logTail(t, runner));
    }

    /** The runner's last log lines, or a note why there are none: a failure report must not fail itself. */
    public static String logTail(DeployTarget t, Runner runner) {
        try {
            return runner.logs(t, LOG_LINES);
        } catch (RuntimeException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static String describe(Health h) { return h == null ? "no check ran" : h.kind() + " " + h.target() + ": " + h.detail(); }

    private static String lastLine(String s) {
        String[] lines = s.split("\n");
        return lines[lines.length - 1];
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeployException("interrupted while waiting for health", null);
        }
    }
}

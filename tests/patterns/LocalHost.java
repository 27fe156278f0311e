package patterns;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.deploy.ServiceDirs;
import lib.diagnose.Problem;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.DeploymentType;
import lib.registry.Host;
import lib.registry.Service;
import lib.solve.SolveContext;

/**
 * This machine as the target host of a pattern (its address is local, so commands run here, not over SSH): for
 * faults whose real target is a process table, a port or a filesystem, which are the same here as on a netns host.
 */
final class LocalHost implements AutoCloseable {
    final Path path;
    final Host host;
    final Service service;
    final Executor executor;
    final StringWriter said = new StringWriter();

    LocalHost(Path path, String service) {
        this.path = path;
        this.host = new Host("here", "127.0.0.1", "root", 22, null, path.toString(), null, List.of(), null);
        this.service = new Service(service, "here", DeploymentType.LOCAL, null, null, null, null, null,
                Service.DEFAULT_HEALTHCHECK_INTERVAL, Service.DEFAULT_HEALTHCHECK_RETRIES, List.of(), List.of(), null);
        this.executor = new Executor(ExecOptions.defaults().withCommandTimeout(Duration.ofSeconds(30)));
    }

    SolveContext ctx(boolean dryRun, boolean yes) {
        return new SolveContext(executor, null, host, service, dryRun, yes, q -> false, new PrintWriter(said), null);
    }

    Problem problem(String fingerprint, Map<String, Object> details) {
        return new Problem(fingerprint, service.name(), host.name(), Problem.Severity.HIGH, 0.9, List.of(), fingerprint, "", details);
    }

    Path runDir() throws IOException { return Files.createDirectories(Path.of(ServiceDirs.runtimeDir(host), "run")); }

    /** Writes the PID file and its .meta the way the local runner does, with the process's real start time. */
    void recordPid(long pid, String command) throws IOException {
        Files.writeString(runDir().resolve(service.name() + ".meta"), "start=" + ident(pid) + "\ncommand=" + command + "\n");
        Files.writeString(runDir().resolve(service.name() + ".pid"), pid + "\n");
    }

    String ident(long pid) {
        return sh(lib.deploy.local.LocalCommands.IDENT + "ident " + pid).strip();
    }

    static String sh(String script) {
        try {
            Process p = new ProcessBuilder("sh", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor();
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Starts {@code command} in its own session (as a service or a foreign daemon would be); the caller stops it. */
    static Process daemon(String... command) throws IOException {
        List<String> cmd = new java.util.ArrayList<>(List.of("setsid"));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static boolean listening(int port) {
        return !sh("ss -Hltn 'sport = :" + port + "'").isBlank();
    }

    /** The PID listening on a port, from the kernel's socket table. */
    static long holder(int port) {
        String pid = sh("ss -Hltnp 'sport = :" + port + "' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2").strip();
        return Long.parseLong(pid);
    }

    static void waitListening(int port) throws InterruptedException {
        for (int i = 0; i < 50 && !listening(port); i++) Thread.sleep(100);
    }

    @Override
    public void close() { executor.close(); }
}

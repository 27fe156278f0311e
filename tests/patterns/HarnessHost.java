package patterns;

import harness.TestHosts;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.diagnose.Problem;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Host;
import lib.registry.RegistryLoader;
import lib.solve.SolveContext;

/** A harness host (netns, real sshd, optional dockerd) as the target of a pattern, reached over SSH. */
final class HarnessHost implements AutoCloseable {
    final TestHosts hosts;
    final Executor executor;
    final StringWriter said = new StringWriter();

    HarnessHost(TestHosts hosts, Path portoserHome) {
        this.hosts = hosts;
        this.executor = new Executor(new ExecOptions(Duration.ofSeconds(5), Duration.ofSeconds(60), ExecOptions.DEFAULT_PARALLELISM,
                List.of(hosts.knownHosts()), List.of(), portoserHome));
    }

    /** Host i as the harness registry names it, optionally with another `path`. */
    Host host(int i, String path) {
        Host h = RegistryLoader.load(hosts.registry()).hosts().get(hosts.name(i));
        return path == null ? h : new Host(h.name(), h.ip(), h.sshUser(), h.sshPort(), h.sshKey(), path, h.arch(), h.roles(), h.description());
    }

    SolveContext ctx(Host host, boolean dryRun) {
        return new SolveContext(executor, null, host, null, dryRun, false, q -> false, new PrintWriter(said), null);
    }

    static Problem problem(String fingerprint, Host host, Map<String, Object> details) {
        return new Problem(fingerprint, "web", host.name(), Problem.Severity.CRITICAL, 1, List.of(), fingerprint, "", details);
    }

    /** Runs a shell command in host i's sshd mount namespace (a tmpfs mounted there is what SSH sessions see). */
    void inSshdMounts(int i, String command) throws Exception {
        String pid = Files.readString(hosts.dir().resolve("h" + i + "/sshd.pid")).strip();
        String out = LocalHost.sh("nsenter -t " + pid + " -m sh -c '" + command.replace("'", "'\\''") + "' && echo @@ok");
        if (!out.strip().endsWith("@@ok")) throw new IllegalStateException(command + " failed: " + out);
    }

    @Override
    public void close() { executor.close(); }
}

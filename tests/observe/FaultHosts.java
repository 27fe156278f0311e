package observe;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.diagnose.Diagnoser;
import lib.diagnose.Diagnosis;
import lib.diagnose.Problem;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.observe.Observation;
import lib.observe.Observer;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/** Helpers for fault-injection tests: a registry beside the harness one, observe + diagnose, real processes. */
final class FaultHosts {
    private FaultHosts() {}

    /** The harness hosts plus {@code extraHosts} (YAML under `hosts:`) and {@code services} (YAML under `services:`). */
    static Registry registry(TestHosts hosts, String name, String extraHosts, String services) throws Exception {
        String base = Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "");
        if (!extraHosts.isEmpty()) base = base.replaceFirst("(?m)^hosts:\\n", "hosts:\n" + extraHosts);
        Path file = hosts.dir().resolve(name + ".yml");
        Files.writeString(file, base + "services:\n" + services);
        return RegistryLoader.load(file);
    }

    static List<Observation> observe(Registry r, String service, Duration connectTimeout) {
        ExecOptions o = ExecOptions.forRegistry(r.file()).withConnectTimeout(connectTimeout);
        try (Executor e = new Executor(o)) {
            return new Observer(e, Duration.ofSeconds(20)).observe(r, r.services().get(service));
        }
    }

    static Diagnosis diagnose(Registry r, String service) {
        return Diagnoser.diagnose(observe(r, service, Duration.ofSeconds(5)), service);
    }

    static List<Problem> only(Diagnosis d, String fingerprint) {
        return d.problems().stream().filter(p -> p.fingerprint().equals(fingerprint)).toList();
    }

    /** Starts a command inside host i's namespace (it stays this JVM's child, so the test can end it by handle). */
    static Process startIn(TestHosts hosts, int i, String... command) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("ip", "netns", "exec", hosts.namespace(i)));
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    }

    static void waitListening(TestHosts hosts, int i, int port) throws Exception {
        for (int t = 0; t < 100; t++) {
            if (hosts.exec(i, "sh", "-c", "ss -Hltn 'sport = :" + port + "'").contains(":" + port)) return;
            Thread.sleep(50);
        }
        throw new AssertionError("nothing listens on " + port + " in host " + i);
    }

    /** The start time LocalCommands.IDENT records for a PID: field 22 of /proc/PID/stat. */
    static String startTime(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return stat.substring(stat.lastIndexOf(") ") + 2).split(" ")[19];
    }

    /** Writes the PID file and its start-time sidecar the way the local runner does. */
    static void pidFile(TestHosts hosts, int i, String service, long pid, String start) throws Exception {
        Path run = Files.createDirectories(hosts.srv(i).resolve(".portoser/run"));
        Files.writeString(run.resolve(service + ".pid"), pid + "\n");
        Files.writeString(run.resolve(service + ".meta"), "start=" + start + "\n");
    }

    static void end(Process p) throws Exception {
        if (p == null) return;
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor(5, TimeUnit.SECONDS);
    }

    /**
     * Runs a command in the mount namespace of host i's sshd: `ip netns exec` gave sshd its own, and / is private
     * here, so a mount made outside would never be seen by SSH sessions.
     */
    static void shInSshdMounts(TestHosts hosts, int i, String command) throws Exception {
        String pid = Files.readString(hosts.dir().resolve("h" + i + "/sshd.pid")).strip();
        sh("nsenter -t " + pid + " -m sh -c '" + command.replace("'", "'\\''") + "'");
    }

    static void sh(String command) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(command + " failed: " + out);
    }
}

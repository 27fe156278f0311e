package harness;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Namespace hosts with real sshd for integration tests, made by tests/harness/hosts.sh. {@link #shared(int)}
 * brings them up once per test JVM (prefix pt, subnet 10.213.1) and a shutdown hook takes them down.
 * Tests that stop or pause an sshd must start / resume it again in a finally block: the hosts are shared.
 * <p>Docker is per host and on demand ({@link #dockerUp(int)}): one dockerd inside host i's namespace, its sshd
 * sessions see {@code DOCKER_HOST} = {@link #dockerHost(int)}, and the daemon holds the test images
 * {@link #IMAGE_V1} and {@link #IMAGE_V2} (busybox httpd serving /www; /www/version is "1" or "2").
 */
public final class TestHosts {
    /**
     * Name prefix and subnet of the shared hosts. Override with -Dportoser.harness.prefix=px
     * -Dportoser.harness.subnet=10.213.N so two test runs at once (two developers, or a developer and a
     * CI rehearsal) never tear down each other's hosts. Subnets 10.213.1-9 are for tests, 10.213.2 is the bench's.
     */
    public static final String PREFIX = System.getProperty("portoser.harness.prefix", "pt"),
            SUBNET = System.getProperty("portoser.harness.subnet", "10.213.1");
    /** Test images in every harness dockerd: busybox-static, CMD httpd on port 80 serving /www. */
    public static final String IMAGE_V1 = "portoser-test/busybox:1", IMAGE_V2 = "portoser-test/busybox:2";
    private static TestHosts shared;

    private final String prefix;
    private final String subnet;
    private final int count;
    private final Path dir;
    private final Set<Integer> dockerRunning = new HashSet<>();

    private TestHosts(String prefix, String subnet, int count, Path dir) {
        this.prefix = prefix;
        this.subnet = subnet;
        this.count = count;
        this.dir = dir;
    }

    /** At least {@code count} shared hosts h1..hN; reuses the running set when it is big enough. */
    public static synchronized TestHosts shared(int count) {
        if (shared != null && shared.count >= count) return shared;
        boolean first = shared == null;
        shared = up(PREFIX, SUBNET, Math.max(count, 3));
        if (first) Runtime.getRuntime().addShutdownHook(new Thread(TestHosts::downShared, "harness-down"));
        return shared;
    }

    /** {@link #shared(int)} with a dockerd running on each of {@code dockerHosts} (started once per JVM). */
    public static synchronized TestHosts sharedWithDocker(int count, int... dockerHosts) {
        TestHosts h = shared(count);
        for (int i : dockerHosts) h.dockerUp(i);
        return h;
    }

    private static synchronized void downShared() {
        if (shared != null) shared.down();
    }

    /** A private set of hosts; the caller takes them down. Use a prefix and subnet nobody else uses. */
    public static TestHosts up(String prefix, String subnet, int count) {
        Path dir = Path.of("/tmp/portoser-harness-" + prefix);
        script("up", "--count", String.valueOf(count), "--name", prefix, "--subnet", subnet, "--dir", dir.toString());
        return new TestHosts(prefix, subnet, count, dir);
    }

    /** Root, iproute2 and sshd present: harness tests skip themselves (assumeTrue) where this is false. */
    public static boolean available() {
        boolean ok = "root".equals(System.getProperty("user.name")) && Files.isExecutable(Path.of("/usr/sbin/sshd"))
                && (Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")) || Files.isExecutable(Path.of("/usr/bin/ip")));
        // In CI a skipped harness test would hide a broken set-up: there, missing prerequisites are a failure.
        if (!ok && System.getenv("CI") != null) {
            throw new IllegalStateException("CI must run the multi-host tests: they need root, iproute2 and /usr/sbin/sshd (see .ci/run)");
        }
        return ok;
    }

    public int count() { return count; }

    public Path dir() { return dir; }

    public Path registry() { return dir.resolve("registry.yml"); }

    public Path key() { return dir.resolve("id_ed25519"); }

    public Path knownHosts() { return dir.resolve("known_hosts"); }

    /** Registry name of host i (1-based). */
    public String name(int i) { return "h" + check(i); }

    public String ip(int i) { return subnet + "." + (10 + check(i)); }

    /** Host i's network namespace, for `ip netns exec NAME …` (e.g. a listener a test starts and stops itself). */
    public String namespace(int i) { return prefix + check(i); }

    public List<String> ips() {
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) out.add(ip(i));
        return out;
    }

    public Path sshdLog(int i) { return dir.resolve("h" + check(i)).resolve("sshd.log"); }

    /** The host's `path` in the registry (a directory of this machine's filesystem, too). */
    public Path srv(int i) { return dir.resolve("h" + check(i)).resolve("srv"); }

    /** Successful logins so far on host i, from its sshd log (LogLevel VERBOSE). */
    public long acceptedLogins(int i) {
        try {
            return Files.readAllLines(sshdLog(i), StandardCharsets.UTF_8).stream().filter(l -> l.contains("Accepted publickey")).count();
        } catch (IOException e) {
            return 0;
        }
    }

    /** Kills host i's sshd and its sessions: new connections are refused. */
    public void stopSshd(int i) { hostVerb("stop-sshd", i); }

    public void startSshd(int i) { hostVerb("start-sshd", i); }

    /** SIGSTOPs host i's sshd: connections are accepted by the kernel but never answered (a hung host). */
    public void pauseSshd(int i) { hostVerb("pause-sshd", i); }

    public void resumeSshd(int i) { hostVerb("resume-sshd", i); }

    /** Runs a command inside host i's namespace; returns its stdout. */
    public String exec(int i, String... command) {
        List<String> args = new ArrayList<>(List.of("exec", String.valueOf(check(i)), "--name", prefix, "--dir", dir.toString(), "--"));
        args.addAll(List.of(command));
        return script(args.toArray(String[]::new));
    }

    /** Starts host i's dockerd and imports the test images; a no-op when this JVM already did. */
    public synchronized TestHosts dockerUp(int i) {
        if (dockerRunning.contains(check(i))) return this;
        hostVerb("docker-up", i);
        dockerRunning.add(i);
        return this;
    }

    /** Stops host i's dockerd (containers killed first; images, volumes and containers stay on disk). */
    public synchronized void dockerDown(int i) {
        hostVerb("docker-down", i);
        dockerRunning.remove(i);
    }

    /**
     * A shell command that starts host i's dockerd when run IN AN SSH SESSION of that host (a registry
     * `docker_start_command`): the same flags, data-root and socket as {@link #dockerUp}. Sessions live in the mount
     * namespace `ip netns exec` gave sshd, whose fresh /sys hides the cgroup mounts dockerd needs ("Devices cgroup
     * isn't mounted"), so it first mounts the cgroup2 hierarchy there (once; the daemon then runs with cgroup v2).
     * setsid and closed fds: the daemon outlives the session and never holds its channel open.
     */
    public String dockerStartCommand(int i) {
        String d = dir.resolve("h" + check(i)).resolve("docker").toString();
        return "mountpoint -q /sys/fs/cgroup || mount -t cgroup2 none /sys/fs/cgroup; d=" + d + "; mkdir -p $d; rm -f $d/docker.sock $d/docker.pid;"
                + " setsid dockerd --config-file $d/daemon.json --data-root $d/data --exec-root $d/exec --pidfile $d/docker.pid"
                + " -H unix://$d/docker.sock >>$d/dockerd.log 2>&1 </dev/null &";
    }

    /** The DOCKER_HOST that host i's SSH sessions get: {@code unix://<dir>/hI/docker/docker.sock}. */
    public String dockerHost(int i) { return "unix://" + dir.resolve("h" + check(i)).resolve("docker/docker.sock"); }

    /** Runs the docker CLI here against host i's daemon; returns stdout (trimmed), throws when it fails. */
    public String docker(int i, String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "-H", dockerHost(i)));
        cmd.addAll(List.of(args));
        return run(cmd, 60).strip();
    }

    public synchronized void down() {
        script("down", "--name", prefix, "--dir", dir.toString());
        dockerRunning.clear();
    }

    private void hostVerb(String verb, int i) {
        script(verb, String.valueOf(check(i)), "--name", prefix, "--dir", dir.toString());
    }

    private int check(int i) {
        if (i < 1 || i > count) throw new IllegalArgumentException("no host " + i + " (have 1.." + count + ")");
        return i;
    }

    static Path scriptPath() {
        return Path.of(System.getProperty("portoser.root", ".")).resolve("tests/harness/hosts.sh").toAbsolutePath();
    }

    private static String script(String... args) {
        List<String> cmd = new ArrayList<>(List.of("bash", scriptPath().toString()));
        cmd.addAll(List.of(args));
        return run(cmd, 120);
    }

    private static String run(List<String> cmd, int timeoutSeconds) {
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + cmd + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + cmd, e);
        }
    }
}

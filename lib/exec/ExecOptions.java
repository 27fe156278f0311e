package lib.exec;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Executor settings: timeouts, fan-out width and where keys and known_hosts are read from. */
public record ExecOptions(Duration connectTimeout, Duration commandTimeout, int parallelism,
                          List<Path> knownHostsFiles, List<Path> defaultIdentities, Path portoserHome) {
    public static final int DEFAULT_PARALLELISM = 16;

    /** Defaults from the environment: ~/.ssh/known_hosts plus $PORTOSER_HOME/known_hosts, ~/.ssh/id_ed25519 and id_rsa. */
    public static ExecOptions defaults() {
        Map<String, String> env = new java.util.HashMap<>(System.getenv());
        // -Dportoser.home wins over the environment: in-process tests cannot set PORTOSER_HOME.
        String home = System.getProperty("portoser.home");
        if (home != null && !home.isBlank()) env.put("PORTOSER_HOME", home);
        return from(env, Path.of(System.getProperty("user.home")));
    }

    static ExecOptions from(Map<String, String> env, Path home) {
        Path portoserHome = portoserHome(env, home);
        List<Path> known = new ArrayList<>(List.of(home.resolve(".ssh/known_hosts"), portoserHome.resolve("known_hosts")));
        List<Path> ids = List.of(home.resolve(".ssh/id_ed25519"), home.resolve(".ssh/id_rsa"));
        return new ExecOptions(Duration.ofSeconds(seconds(env, "PORTOSER_CONNECT_TIMEOUT", 10)),
                Duration.ofSeconds(seconds(env, "PORTOSER_COMMAND_TIMEOUT", 120)), DEFAULT_PARALLELISM, known, ids, portoserHome);
    }

    /**
     * Defaults plus the {@code known_hosts} beside the registry file, when there is one, so a registry can ship
     * its hosts' keys (the test harness does). This adds no trust: whoever edits the registry already picks the hosts.
     */
    public static ExecOptions forRegistry(Path registryFile) {
        ExecOptions d = defaults();
        Path beside = registryFile.toAbsolutePath().resolveSibling("known_hosts");
        if (!java.nio.file.Files.isRegularFile(beside) || d.knownHostsFiles.contains(beside)) return d;
        List<Path> known = new ArrayList<>(d.knownHostsFiles);
        known.add(beside);
        return d.withKnownHostsFiles(known);
    }

    public static Path portoserHome(Map<String, String> env, Path home) {
        String h = env.get("PORTOSER_HOME");
        return h != null && !h.isBlank() ? Path.of(h) : home.resolve(".portoser");
    }

    public ExecOptions withConnectTimeout(Duration d) {
        return new ExecOptions(d, commandTimeout, parallelism, knownHostsFiles, defaultIdentities, portoserHome);
    }

    public ExecOptions withCommandTimeout(Duration d) {
        return new ExecOptions(connectTimeout, d, parallelism, knownHostsFiles, defaultIdentities, portoserHome);
    }

    public ExecOptions withKnownHostsFiles(List<Path> files) {
        return new ExecOptions(connectTimeout, commandTimeout, parallelism, List.copyOf(files), defaultIdentities, portoserHome);
    }

    public ExecOptions withDefaultIdentities(List<Path> ids) {
        return new ExecOptions(connectTimeout, commandTimeout, parallelism, knownHostsFiles, List.copyOf(ids), portoserHome);
    }

    /** Where `portoser remote trust` records keys: $PORTOSER_HOME/known_hosts. */
    public Path trustedKeysFile() { return portoserHome.resolve("known_hosts"); }

    public ExecOptions withParallelism(int n) {
        return new ExecOptions(connectTimeout, commandTimeout, n, knownHostsFiles, defaultIdentities, portoserHome);
    }

    private static long seconds(Map<String, String> env, String name, long fallback) {
        try {
            return env.containsKey(name) ? Long.parseLong(env.get(name).trim()) : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

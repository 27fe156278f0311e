package deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * A registry in a temp folder whose services are shell scripts (run by {@link ShellRunner}), on this machine
 * or on harness hosts. Each script records its start time (ns) in `started` inside its synced folder.
 */
final class LocalCluster {
    final Path dir;
    private final StringBuilder hosts = new StringBuilder("hosts:\n");
    private final StringBuilder services = new StringBuilder("services:\n");
    private final List<Path> hostPaths = new ArrayList<>();

    LocalCluster(Path dir) {
        this.dir = dir;
    }

    LocalCluster host(String name, String ip, String extra) {
        Path p = dir.resolve("hosts").resolve(name);
        hostPaths.add(p);
        hosts.append("  ").append(name).append(": {ip: ").append(ip).append(", ssh_user: root, path: ").append(p)
                .append(extra == null ? "" : ", " + extra).append("}\n");
        return this;
    }

    /** A service whose script body is {@code body}, after it records its start time. */
    LocalCluster service(String name, String host, String body, String fields) throws IOException {
        Path d = Files.createDirectories(dir.resolve("svc").resolve(name));
        Files.writeString(d.resolve("run.sh"), "date +%s%N > started\necho \"" + name + " starting\"\n" + body + "\n");
        services.append("  ").append(name).append(": {current_host: ").append(host)
                .append(", deployment_type: local, service_file: svc/").append(name).append("/run.sh")
                .append(fields == null ? "" : ", " + fields).append("}\n");
        return this;
    }

    Registry write() throws IOException {
        Path f = dir.resolve("registry.yml");
        Files.writeString(f, hosts + services.toString());
        return RegistryLoader.load(f);
    }

    Path remoteDir(String host, String service) { return dir.resolve("hosts").resolve(host).resolve(service); }

    long started(String host, String service) throws IOException {
        return Long.parseLong(Files.readString(remoteDir(host, service).resolve("started")).trim());
    }

    Path pidFile(String host, String service) { return dir.resolve("hosts").resolve(host).resolve(".portoser/run/" + service + ".pid"); }

    /** Kills every process a test started, by the PIDs in its PID files. */
    void killAll() throws IOException {
        for (Path h : hostPaths) {
            Path run = h.resolve(".portoser/run");
            if (!Files.isDirectory(run)) continue;
            try (Stream<Path> s = Files.list(run)) {
                for (Path pid : s.toList()) {
                    String p = Files.readString(pid).trim();
                    if (p.matches("\\d+")) new ProcessBuilder("kill", p).start();
                }
            }
        }
    }
}

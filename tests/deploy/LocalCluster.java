package deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * A registry whose services are shell scripts that record their start time (ns) in `started` inside their
 * synced folder: run by {@link ShellRunner} ({@link #service}) or by the real LocalRunner from a service.yml
 * ({@link #local}). Hosts are this machine or harness hosts.
 */
final class LocalCluster {
    final Path registryFile;
    final Path svcRoot;
    private final StringBuilder hosts = new StringBuilder("hosts:\n");
    private final StringBuilder services = new StringBuilder("services:\n");
    private final Map<String, Path> hostPaths = new LinkedHashMap<>();
    private final Map<String, String> hostOf = new LinkedHashMap<>();

    /** Registry at {@code dir}/registry.yml. */
    static LocalCluster in(Path dir) {
        return new LocalCluster(dir.resolve("registry.yml"));
    }

    LocalCluster(Path registryFile) {
        this.registryFile = registryFile;
        String stem = registryFile.getFileName().toString().replace(".yml", "");
        this.svcRoot = registryFile.resolveSibling(stem + "-svc");
    }

    LocalCluster host(String name, String ip, Path path, String extra) {
        hostPaths.put(name, path);
        hosts.append("  ").append(name).append(": {ip: ").append(ip).append(", ssh_user: root, path: ").append(path)
                .append(extra == null ? "" : ", " + extra).append("}\n");
        return this;
    }

    LocalCluster host(String name, String ip, String extra) {
        return host(name, ip, registryFile.resolveSibling("hosts").resolve(name), extra);
    }

    /** A service run by ShellRunner: its service_file is the script itself. */
    LocalCluster service(String name, String host, String body, String fields) throws IOException {
        script(name, body);
        return entry(name, host, "run.sh", fields);
    }

    /** A service run by the real LocalRunner: service.yml says `start: sh run.sh`. */
    LocalCluster local(String name, String host, String body, String fields) throws IOException {
        Path d = script(name, body);
        Files.writeString(d.resolve("service.yml"), "start: sh run.sh\nworking_dir: .\n");
        return entry(name, host, "service.yml", fields);
    }

    private Path script(String name, String body) throws IOException {
        Path d = Files.createDirectories(svcRoot.resolve(name));
        Files.writeString(d.resolve("run.sh"), "date +%s%N > started\necho \"" + name + " starting\"\n" + body + "\n");
        return d;
    }

    private LocalCluster entry(String name, String host, String file, String fields) {
        hostOf.put(name, host);
        services.append("  ").append(name).append(": {current_host: ").append(host)
                .append(", deployment_type: local, service_file: ").append(registryFile.getParent().relativize(svcRoot.resolve(name).resolve(file)))
                .append(fields == null ? "" : ", " + fields).append("}\n");
        return this;
    }

    Registry write() throws IOException {
        Files.createDirectories(registryFile.getParent());
        Files.writeString(registryFile, hosts + services.toString());
        return RegistryLoader.load(registryFile);
    }

    Path remoteDir(String host, String service) { return hostPaths.get(host).resolve(service); }

    long started(String service) throws IOException {
        return Long.parseLong(Files.readString(remoteDir(hostOf.get(service), service).resolve("started")).trim());
    }

    long started(String host, String service) throws IOException { return started(service); }

    Path pidFile(String host, String service) { return hostPaths.get(host).resolve(".portoser/run/" + service + ".pid"); }

    Path pidFile(String service) { return pidFile(hostOf.get(service), service); }

    /** Kills every process a test started, by the PIDs in its PID files. */
    void killAll() throws IOException {
        for (Path h : hostPaths.values()) {
            Path run = h.resolve(".portoser/run");
            if (!Files.isDirectory(run)) continue;
            try (Stream<Path> s = Files.list(run)) {
                // Only this cluster's services: host folders may be shared with other tests (the harness hosts).
                for (Path pid : s.filter(p -> p.toString().endsWith(".pid")
                        && hostOf.containsKey(p.getFileName().toString().replaceFirst("\\.pid$", ""))).toList()) {
                    String p = Files.readString(pid).trim().split("\\s+")[0];
                    // Services run in their own session (setsid): kill the whole group, not only its leader, or
                    // the leader's children outlive the test.
                    if (p.matches("\\d+")) {
                        try {
                            new ProcessBuilder("kill", "-9", "--", "-" + p, p).start().waitFor();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            }
        }
    }
}

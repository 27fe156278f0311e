package deploy.ops;

import harness.TestHosts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Harness hosts h1..h3 and a registry of local services, each a `busybox httpd` serving "NAME" on its own port
 * inside its host's namespace. A service refuses to start on a host whose path holds `.broken`.
 */
final class OpsCluster {
    final TestHosts hosts = TestHosts.shared(3);
    final Path registry;
    private final Path svcRoot;
    private final Map<String, Integer> ports = new LinkedHashMap<>();
    private final Map<String, String> placement = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    OpsCluster(String name) throws IOException {
        registry = hosts.dir().resolve(name + ".yml");
        svcRoot = hosts.dir().resolve(name + "-svc");
    }

    OpsCluster service(String name, int port, String host) throws IOException {
        Path d = Files.createDirectories(svcRoot.resolve(name).resolve("www"));
        Files.writeString(d.resolve("index.html"), name + "\n");
        Files.writeString(svcRoot.resolve(name).resolve("service.yml"),
                "start: test ! -e ../.broken && exec busybox httpd -f -p " + port + " -h www\n");
        ports.put(name, port);
        placement.put(name, host);
        return this;
    }

    OpsCluster place(String name, String host) { placement.put(name, host); return this; }

    OpsCluster drop(String name) { placement.remove(name); return this; }

    void write() throws IOException {
        StringBuilder sb = new StringBuilder("# ops test registry\nhosts:\n");
        for (int i = 1; i <= 3; i++) {
            sb.append("  h").append(i).append(": {ip: ").append(hosts.ip(i)).append(", ssh_user: root, path: ").append(hosts.srv(i))
                    .append(", ssh_key: ").append(hosts.key()).append("}\n");
        }
        sb.append("services:\n");
        placement.forEach((name, host) -> sb.append("  ").append(name).append(":\n    current_host: ").append(host)
                .append("\n    deployment_type: local\n    service_file: ").append(registry.getParent().relativize(svcRoot.resolve(name).resolve("service.yml")))
                .append("\n    port: ").append(ports.get(name)).append("\n    healthcheck: {tcp: ").append(ports.get(name))
                .append("}\n    healthcheck_interval: 200ms\n    healthcheck_retries: 10\n"));
        Files.writeString(registry, sb.toString());
    }

    /** What host i serves for this service, or null when nothing answers. */
    String serves(String service, int host) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + hosts.ip(host) + ":" + ports.get(service) + "/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    void breakHost(int i, boolean broken) throws IOException {
        Path marker = hosts.srv(i).resolve(".broken");
        if (broken) Files.createDirectories(hosts.srv(i)).resolve(".broken").toFile().createNewFile();
        else Files.deleteIfExists(marker);
    }

    /** Kills what this test's services left running, by their PID files. */
    void killAll() throws IOException {
        for (int i = 1; i <= 3; i++) {
            Path run = hosts.srv(i).resolve(".portoser/run");
            if (!Files.isDirectory(run)) continue;
            try (Stream<Path> s = Files.list(run)) {
                for (Path pid : s.filter(p -> ports.keySet().stream().anyMatch(n -> p.getFileName().toString().equals(n + ".pid"))).toList()) {
                    String p = Files.readString(pid).trim().split("\\s+")[0];
                    if (p.matches("\\d+")) new ProcessBuilder("kill", "-9", p).start();
                }
            }
        }
        breakHost(3, false);
    }
}

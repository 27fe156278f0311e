package ui;

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
import java.util.List;
import java.util.Map;

/**
 * The browser tests' cluster: harness hosts h1 and h2 and local services, each `busybox httpd` serving its own
 * name on its own port inside its host's namespace, deployed over real SSH. db ← api ← web form three waves;
 * cache stands alone.
 */
final class UiCluster {
    record Svc(String name, int port, String host, List<String> deps) {}

    static final List<Svc> SERVICES = List.of(
            new Svc("db", 18631, "h1", List.of()),
            new Svc("api", 18632, "h1", List.of("db")),
            new Svc("web", 18633, "h2", List.of("api")),
            new Svc("cache", 18634, "h2", List.of()));

    final TestHosts hosts;
    final Path registry;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    UiCluster(TestHosts hosts) {
        this.hosts = hosts;
        this.registry = hosts.dir().resolve("ui.yml");
    }

    static int port(String service) {
        return SERVICES.stream().filter(s -> s.name().equals(service)).findFirst().orElseThrow().port();
    }

    static Map<String, String> placement() {
        Map<String, String> m = new LinkedHashMap<>();
        SERVICES.forEach(s -> m.put(s.name(), s.host()));
        return m;
    }

    UiCluster write() throws IOException {
        Path svcRoot = hosts.dir().resolve("ui-svc");
        StringBuilder sb = new StringBuilder("# browser test registry (tests/ui/UiCluster.java)\nhosts:\n");
        for (int i = 1; i <= 2; i++) {
            sb.append("  h").append(i).append(": {ip: ").append(hosts.ip(i)).append(", ssh_user: root, path: ").append(hosts.srv(i))
                    .append(", ssh_key: ").append(hosts.key()).append("}\n");
        }
        sb.append("services:\n");
        for (Svc s : SERVICES) {
            Path d = Files.createDirectories(svcRoot.resolve(s.name()).resolve("www"));
            Files.writeString(d.resolve("index.html"), s.name() + "\n");
            Files.writeString(svcRoot.resolve(s.name()).resolve("service.yml"), "start: exec busybox httpd -f -p " + s.port() + " -h www\n");
            sb.append("  ").append(s.name()).append(":\n    current_host: ").append(s.host())
                    .append("\n    deployment_type: local\n    service_file: ui-svc/").append(s.name()).append("/service.yml")
                    .append("\n    port: ").append(s.port())
                    .append(s.name().equals("web") ? "\n    healthcheck_url: http://{host}:" + s.port() + "/\n" : "\n    healthcheck: {tcp: " + s.port() + "}\n")
                    .append("    healthcheck_interval: 200ms\n    healthcheck_retries: 25\n");
            if (!s.deps().isEmpty()) sb.append("    dependencies: [").append(String.join(", ", s.deps())).append("]\n");
        }
        Files.writeString(registry, sb.toString());
        return this;
    }

    /** What host i serves on the service's port, or null when nothing answers there. */
    String serves(String service, int host) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + hosts.ip(host) + ":" + port(service) + "/"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().trim() : "HTTP " + r.statusCode();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * Kills what these services left running on both hosts (before and after the tests): the PID in each PID file,
     * only while that process is still this service's `busybox httpd -p PORT` (a PID may have been reused).
     */
    void killAll() throws IOException {
        for (int i = 1; i <= 2; i++) {
            Path run = hosts.srv(i).resolve(".portoser/run");
            for (Svc s : SERVICES) {
                Path pid = run.resolve(s.name() + ".pid");
                if (!Files.isRegularFile(pid)) continue;
                String p = Files.readString(pid).trim().split("\\s+")[0];
                if (p.matches("\\d+") && ours(Long.parseLong(p), s.port())) ProcessHandle.of(Long.parseLong(p)).ifPresent(ProcessHandle::destroyForcibly);
            }
        }
    }

    private static boolean ours(long pid, int port) {
        try {
            String cmd = Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ');
            return cmd.contains("httpd") && cmd.contains("-p " + port + " ");
        } catch (IOException e) {
            return false;
        }
    }
}

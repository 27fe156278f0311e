package server.api;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * A registry of `local` services on this machine for the deployment API tests: each service is a folder with a
 * service.yml whose start command is given, run by the real LocalRunner under {@code <dir>/host}. No mocks.
 */
final class DeploymentCluster {
    final Path dir;
    final Path registry;
    private final StringBuilder services = new StringBuilder("services:\n");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    DeploymentCluster(Path dir) {
        this.dir = dir;
        this.registry = dir.resolve("registry.yml");
    }

    /** A service whose service.yml says {@code start: <start>}; {@code fields} are extra registry fields (flow style). */
    DeploymentCluster local(String name, String start, String fields) throws IOException {
        Path d = Files.createDirectories(dir.resolve("svc").resolve(name));
        Files.writeString(d.resolve("service.yml"), "start: " + start + "\nworking_dir: .\n");
        services.append("  ").append(name).append(": {current_host: local, deployment_type: local, service_file: svc/").append(name)
                .append("/service.yml").append(fields == null ? "" : ", " + fields).append("}\n");
        return this;
    }

    Path serviceFile(String name) { return dir.resolve("svc").resolve(name).resolve("service.yml"); }

    Path write() throws IOException {
        Files.writeString(registry, "hosts:\n  local: {ip: 127.0.0.1, ssh_user: root, path: " + dir.resolve("host") + "}\n" + services);
        return registry;
    }

    Path pidFile(String service) { return dir.resolve("host/.portoser/run/" + service + ".pid"); }

    /** What http://127.0.0.1:PORT/PATH answers, or null when nothing does. */
    static String get(int port, String path) {
        try {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().strip() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    static boolean listening(int port) throws Exception { return !sh("ss -Hltn 'sport = :" + port + "'").isBlank(); }

    static String sh(String cmd) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** Kills what the tests started, by the pid files (services run in their own session: the whole group). */
    void killAll() throws Exception {
        Path run = dir.resolve("host/.portoser/run");
        if (!Files.isDirectory(run)) return;
        try (Stream<Path> s = Files.list(run)) {
            for (Path pid : s.filter(p -> p.toString().endsWith(".pid")).toList()) {
                String p = Files.readString(pid).trim().split("\\s+")[0];
                if (p.matches("\\d+")) new ProcessBuilder("kill", "-9", "--", "-" + p, p).start().waitFor();
            }
        }
    }
}

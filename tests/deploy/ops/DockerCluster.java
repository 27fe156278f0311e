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
import java.util.List;

/**
 * Docker harness hosts h1 and h2 (a dockerd each) and a registry of one compose service {@code name} in a
 * folder of its own, checked over HTTP by `healthcheck_url`. The test images serve /www (/www/version = 1 or 2).
 */
final class DockerCluster {
    final TestHosts hosts = TestHosts.sharedWithDocker(3, 1, 2);
    final String name;
    final int port;
    final Path registry;
    final Path compose;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** The registry sits in the harness folder: its known_hosts there is what portoser trusts. */
    DockerCluster(String name, int port, String host) throws IOException {
        this.name = name;
        this.port = port;
        this.registry = hosts.dir().resolve(name + "-registry.yml");
        this.compose = Files.createDirectories(hosts.dir().resolve(name + "-svc").resolve(name)).resolve("compose.yml");
        String harness = Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "");
        Files.writeString(registry, harness + "services:\n  " + name + ":\n    current_host: " + host + "\n    deployment_type: docker\n"
                + "    docker_compose: " + name + "-svc/" + name + "/compose.yml\n    port: " + port + "\n    healthcheck_url: http://{host}:" + port + "/version\n"
                + "    healthcheck_interval: 200ms\n    healthcheck_retries: 50\n");
    }

    /** Writes the compose file: the test image {@code image} serving /www, plus {@code extra} lines under the service. */
    void compose(String image, String extra) throws IOException {
        Files.writeString(compose, "services:\n  web:\n    image: " + image + "\n    ports: [\"" + port + ":80\"]\n"
                + "    command: [\"sh\", \"-c\", \"trap 'exit 0' TERM; httpd -f -p 80 -h /www & wait\"]\n" + extra);
    }

    /** The body host i serves at {@code path}, or null when nothing answers 200. */
    String get(int i, String path) {
        try {
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + hosts.ip(i) + ":" + port + path))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? r.body().trim() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Every container of the service's compose project on host i (running or not), by full id. */
    List<String> containers(int i) {
        String out = hosts.docker(i, "ps", "-aq", "--no-trunc", "--filter", "label=com.docker.compose.project=" + name);
        return out.isBlank() ? List.of() : List.of(out.split("\n"));
    }

    String imageOf(int i, String container) { return hosts.docker(i, "inspect", "--format", "{{.Image}}", container); }

    String imageId(int i, String ref) { return hosts.docker(i, "image", "inspect", "--format", "{{.Id}}", ref); }

    /** Removes what the test left on hosts 1 and 2: the project's containers, then its volumes. */
    void removeAll() {
        for (int i = 1; i <= 2; i++) {
            for (String c : containers(i)) hosts.docker(i, "rm", "-f", c);
            String vols = hosts.docker(i, "volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + name);
            for (String v : vols.isBlank() ? new String[0] : vols.split("\n")) hosts.docker(i, "volume", "rm", v);
        }
    }
}

package deploy.docker;

import harness.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lib.deploy.DeployListener;
import lib.deploy.DeployTarget;
import lib.deploy.PhaseResult;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * Compose services in a temp folder, each with a one-service registry (the harness hosts plus that service),
 * and deploy targets on harness hosts that record the lines the runner streams.
 */
final class DockerFixture implements AutoCloseable {
    final TestHosts hosts;
    final Path root;
    final Executor executor;
    final List<String> lines = Collections.synchronizedList(new ArrayList<>());

    DockerFixture(TestHosts hosts, Path root) {
        this.hosts = hosts;
        this.root = root;
        this.executor = new Executor(DockerHosts.options(hosts, root.resolve("portoser-home")));
    }

    /** Writes {@code <root>/<name>/compose.yml}; returns the service folder. */
    Path service(String name, String compose) throws IOException {
        Path dir = Files.createDirectories(root.resolve(name));
        Files.writeString(dir.resolve("compose.yml"), compose);
        return dir;
    }

    /** The service on harness host {@code host}, published on {@code port} (null: no port). */
    DeployTarget target(String name, int host, Integer port) throws IOException {
        String harness = Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "");
        String svc = "services:\n  " + name + ":\n    current_host: h" + host + "\n    deployment_type: docker\n"
                + "    docker_compose: " + name + "/compose.yml\n" + (port == null ? "" : "    port: " + port + "\n");
        Path file = root.resolve(name + "-registry.yml");
        Files.writeString(file, harness + svc);
        Registry reg = RegistryLoader.load(file);
        return DeployTarget.of(reg, reg.service(name).orElseThrow(), reg.hosts().get("h" + host), executor, listener());
    }

    private DeployListener listener() {
        return new DeployListener() {
            @Override public void line(String service, String host, String line) { lines.add("[" + service + "@" + host + "] " + line); }

            @Override public void phase(String service, String host, PhaseResult phase) {}
        };
    }

    @Override
    public void close() { executor.close(); }
}

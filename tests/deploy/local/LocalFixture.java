package deploy.local;

import harness.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lib.deploy.DeployListener;
import lib.deploy.DeployTarget;
import lib.deploy.PhaseResult;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * Harness hosts plus a registry of local (or native) services written for one test class: each service gets its
 * own folder with a service.yml, and its registry entry points at host h{host}.
 */
public final class LocalFixture implements AutoCloseable {
    public final TestHosts hosts = TestHosts.shared(3);
    public final Path dir;
    public final Executor executor;
    public final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final StringBuilder services = new StringBuilder("services:\n");
    private Registry registry;

    public LocalFixture(String name) throws IOException {
        dir = hosts.dir().resolve(name);
        Files.createDirectories(dir);
        executor = new Executor(new ExecOptions(Duration.ofSeconds(2), Duration.ofSeconds(60), ExecOptions.DEFAULT_PARALLELISM,
                List.of(hosts.knownHosts()), List.of(), dir.resolve("home")));
    }

    /** Adds a local service on host h{host} whose service.yml is {@code serviceYml}; returns its folder here. */
    public Path service(String name, int host, String registryExtra, String serviceYml) throws IOException {
        return service(name, "local", host, registryExtra, serviceYml);
    }

    public Path service(String name, String type, int host, String registryExtra, String serviceYml) throws IOException {
        Path svc = Files.createDirectories(dir.resolve("services").resolve(name));
        Files.writeString(svc.resolve("service.yml"), serviceYml);
        services.append("  ").append(name).append(": {current_host: h").append(host)
                .append(", deployment_type: ").append(type).append(", service_file: services/").append(name).append("/service.yml")
                .append(registryExtra.isEmpty() ? "" : ", " + registryExtra).append("}\n");
        registry = null;
        return svc;
    }

    public Registry registry() throws IOException {
        if (registry == null) {
            Path file = dir.resolve("registry.yml");
            Files.writeString(file, Files.readString(hosts.registry()).replaceAll("(?m)^services:.*\\n", "") + services);
            registry = RegistryLoader.load(file);
        }
        return registry;
    }

    public DeployTarget target(String service) throws IOException {
        Registry r = registry();
        var s = r.services().get(service);
        return DeployTarget.of(r, s, r.hosts().get(s.currentHost()), executor, new DeployListener() {
            @Override public void line(String svc, String host, String line) { lines.add(line); }

            @Override public void phase(String svc, String host, PhaseResult phase) { }
        });
    }

    public String said() { return String.join("\n", lines); }

    /** The namespace of host i, for starting foreign processes inside it. */
    public String netns(int i) { return TestHosts.PREFIX + i; }

    @Override
    public void close() {
        executor.close();
    }
}

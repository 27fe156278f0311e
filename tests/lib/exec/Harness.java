package lib.exec;

import harness.TestHosts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/** Shared harness hosts plus executor options that trust exactly the harness known_hosts. */
final class Harness {
    static final Duration CONNECT = Duration.ofSeconds(2);

    private Harness() {}

    static TestHosts hosts() { return TestHosts.shared(3); }

    static Registry registry() { return RegistryLoader.load(hosts().registry()); }

    static Host host(int i) { return registry().hosts().get("h" + i); }

    static ExecOptions options(Path portoserHome) {
        return options(List.of(hosts().knownHosts()), portoserHome);
    }

    static ExecOptions options(List<Path> knownHosts, Path portoserHome) {
        return new ExecOptions(CONNECT, Duration.ofSeconds(30), ExecOptions.DEFAULT_PARALLELISM, knownHosts, List.of(), portoserHome);
    }

    /** The same registry host with other fields changed, e.g. a different key. */
    static Host withKey(Host h, String key) {
        return new Host(h.name(), h.ip(), h.sshUser(), h.sshPort(), key, h.path(), h.arch(), h.roles(), h.description());
    }

    static Host withIp(Host h, String ip) {
        return new Host(h.name(), ip, h.sshUser(), h.sshPort(), h.sshKey(), h.path(), h.arch(), h.roles(), h.description());
    }
}

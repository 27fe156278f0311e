package lib.registry;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A loaded, validated registry. Maps keep the file's order. */
public record Registry(Path file, String domain, Map<String, Host> hosts, Map<String, Service> services,
                       Dns dns, Caddy caddy) {

    public record Dns(String ingressIp) {}

    public record Caddy(String ingressHost, String admin) {}

    public Registry {
        hosts = Collections.unmodifiableMap(new LinkedHashMap<>(hosts));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }

    public Optional<Host> host(String name) { return Optional.ofNullable(hosts.get(name)); }

    public Optional<Service> service(String name) { return Optional.ofNullable(services.get(name)); }

    /** Services whose current_host is the given host, in file order. */
    public List<Service> servicesOn(String hostName) {
        return services.values().stream().filter(s -> s.currentHost().equals(hostName)).toList();
    }
}

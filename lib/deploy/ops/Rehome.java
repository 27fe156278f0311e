package lib.deploy.ops;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * Pure: a registry as the deployer should see it for one step of an operation — a service placed on another
 * host (to stop its old copy, or deploy the new one before the registry says so), or a definition brought back
 * from a history snapshot. The registry file itself is never changed here.
 */
public final class Rehome {
    private Rehome() {}

    public static Service onHost(Service s, String host) {
        return new Service(s.name(), host, s.deploymentType(), s.dockerCompose(), s.serviceFile(), s.port(), s.healthcheckUrl(),
                s.healthcheck(), s.healthcheckInterval(), s.healthcheckRetries(), s.dependencies(), s.tags(), s.description());
    }

    /** {@code s} with its compose file / service file at {@code file} (absolute: a rollback's recorded copy). */
    public static Service definedBy(Service s, String file) {
        boolean compose = s.dockerCompose() != null;
        return new Service(s.name(), s.currentHost(), s.deploymentType(), compose ? file : null, compose ? null : file, s.port(),
                s.healthcheckUrl(), s.healthcheck(), s.healthcheckInterval(), s.healthcheckRetries(), s.dependencies(), s.tags(), s.description());
    }

    /** {@code r} with these services (replacing same-named ones) and any of {@code hosts} it lacks. */
    public static Registry with(Registry r, Iterable<Service> services, Map<String, Host> hosts) {
        Map<String, Service> s = new LinkedHashMap<>(r.services());
        for (Service x : services) s.put(x.name(), x);
        Map<String, Host> h = new LinkedHashMap<>(hosts);
        h.putAll(r.hosts());
        return new Registry(r.file(), r.domain(), h, s, r.dns(), r.caddy());
    }
}

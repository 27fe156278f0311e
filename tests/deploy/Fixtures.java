package deploy;

import java.nio.file.Path;
import java.util.Map;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/** A small registry with a three-wave dependency graph, loaded from text (no I/O). */
final class Fixtures {
    static final String REGISTRY = """
            hosts:
              a: {ip: 10.9.9.1, ssh_user: u, path: /srv}
              b: {ip: 10.9.9.2, ssh_user: u, path: /srv}
            services:
              db:     {current_host: a, deployment_type: local, service_file: s/db.yml, tags: [data]}
              cache:  {current_host: b, deployment_type: local, service_file: s/cache.yml, tags: [data]}
              api:    {current_host: a, deployment_type: local, service_file: s/api.yml, dependencies: [db, cache], tags: [backend]}
              web:    {current_host: b, deployment_type: docker, docker_compose: s/web.yml, dependencies: [api], tags: [frontend]}
              worker: {current_host: b, deployment_type: local, service_file: s/worker.yml, dependencies: [db]}
              solo:   {current_host: a, deployment_type: local, service_file: s/solo.yml}
            """;

    private Fixtures() {}

    static Registry registry() { return registry(REGISTRY); }

    static Registry registry(String text) {
        RegistryLoader.Checked c = RegistryLoader.check(Path.of("registry.yml"), text, Map.of());
        if (!c.ok()) throw new AssertionError(c.errors().toString());
        return c.registry();
    }
}

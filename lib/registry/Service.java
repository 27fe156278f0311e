package lib.registry;

import java.time.Duration;
import java.util.List;

/** A service in the registry, with the host it should run on. */
public record Service(String name, String currentHost, DeploymentType deploymentType, String dockerCompose,
                      String serviceFile, Integer port, String healthcheckUrl, HealthCheck healthcheck,
                      Duration healthcheckInterval, int healthcheckRetries, List<String> dependencies,
                      List<String> tags, String description) {
    public static final Duration DEFAULT_HEALTHCHECK_INTERVAL = Duration.ofSeconds(2);
    public static final int DEFAULT_HEALTHCHECK_RETRIES = 15;

    public Service {
        dependencies = dependencies == null ? List.of() : List.copyOf(dependencies);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (healthcheckInterval == null) healthcheckInterval = DEFAULT_HEALTHCHECK_INTERVAL;
    }

    /** The same service with another health check (and no URL check): for a check that comes from its service file. */
    public Service withHealthcheck(HealthCheck check) {
        return new Service(name, currentHost, deploymentType, dockerCompose, serviceFile, port, null, check,
                healthcheckInterval, healthcheckRetries, dependencies, tags, description);
    }

    /** Whether the registry itself gives a health check. */
    public boolean hasHealthcheck() { return healthcheckUrl != null || healthcheck != null; }

    /** `healthcheck_url` with `{host}` replaced by the host's address. */
    public String healthUrlFor(Host host) {
        return healthcheckUrl == null ? null : healthcheckUrl.replace("{host}", host.ip());
    }
}

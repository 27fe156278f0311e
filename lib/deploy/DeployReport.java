package lib.deploy;

import java.util.List;

/** The result of one deploy run (deploy, apply, move, rollback): what happened to each service. */
public record DeployReport(String id, String kind, List<ServiceOutcome> services, long durationMs) {
    public DeployReport {
        services = List.copyOf(services);
    }

    public boolean ok() { return services.stream().allMatch(s -> s.result() == ServiceOutcome.Result.DEPLOYED); }

    public long count(ServiceOutcome.Result r) { return services.stream().filter(s -> s.result() == r).count(); }
}

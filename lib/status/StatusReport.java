package lib.status;

import java.util.List;

/** The whole answer of `status`, as printed by --json. */
public record StatusReport(String registry, List<HostStatus> hosts, List<ServiceStatus> services) {

    /** A host: reachable or not (with the error and a hint), load, and how long the probe took. */
    public record HostStatus(String name, String ip, boolean local, boolean reachable, Long latencyMs,
                             double[] load, Integer cpus, String error, String hint) {}

    /**
     * A service: where it should run, whether its process/containers/unit run, whether its port listens, and its
     * health. {@code state} sums it up: healthy, running, unhealthy, starting, stopped or unknown.
     */
    public record ServiceStatus(String name, String host, String deploymentType, Integer port, String state,
                                Boolean running, Integer pid, List<HostProbe.Container> containers,
                                Boolean portListening, Health health, String detail) {}

    /** A health check result: kind is url, tcp or cmd; ok null when it was not checked. */
    public record Health(String kind, String target, Boolean ok, String detail) {}

    /** True when every host answered and every service runs and passes its check. */
    public boolean allGood() {
        return hosts.stream().allMatch(HostStatus::reachable)
                && services.stream().allMatch(s -> s.state().equals("healthy") || s.state().equals("running"));
    }
}

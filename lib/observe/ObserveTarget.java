package lib.observe;

import java.util.List;
import lib.registry.DeploymentType;

/**
 * What the observe script needs about one service on one host, as host paths: where its files and PID file
 * live, its port, its compose project, the bind-mount sources its containers need, and the host's configured
 * docker_start_command (reported with a down daemon, so the diagnosis can say how it will be started). Pure data.
 */
public record ObserveTarget(String host, String service, DeploymentType type, String hostPath, String serviceDir,
                            String pidFile, String metaFile, Integer port, String project, List<String> bindSources,
                            String dockerStartCommand) {
    public ObserveTarget {
        bindSources = bindSources == null ? List.of() : List.copyOf(bindSources);
    }

    /** A target whose host has no docker_start_command. */
    public ObserveTarget(String host, String service, DeploymentType type, String hostPath, String serviceDir, String pidFile,
                         String metaFile, Integer port, String project, List<String> bindSources) {
        this(host, service, type, hostPath, serviceDir, pidFile, metaFile, port, project, bindSources, null);
    }

    /** Disk paths worth watching: the service's files, docker's data root and /tmp. */
    public List<String> diskPaths() {
        return List.of(hostPath, "/var/lib/docker", "/tmp");
    }

    public boolean docker() { return type == DeploymentType.DOCKER; }

    public boolean local() { return type == DeploymentType.LOCAL; }
}

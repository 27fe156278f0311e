package lib.registry;

import java.util.List;

/**
 * A machine in the registry. `path` is where service directories live on that host. {@code dockerStartCommand}
 * (`docker_start_command`, optional) is how the self-healing loop starts that host's docker daemon when it is down,
 * run on the host over SSH; null: `systemctl start docker` / `service docker start` where the host has them.
 */
public record Host(String name, String ip, String sshUser, int sshPort, String sshKey, String path,
                   String arch, List<String> roles, String description, String dockerStartCommand) {
    public static final int DEFAULT_SSH_PORT = 22;

    public Host {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }

    /** A host without a docker_start_command. */
    public Host(String name, String ip, String sshUser, int sshPort, String sshKey, String path, String arch, List<String> roles,
                String description) {
        this(name, ip, sshUser, sshPort, sshKey, path, arch, roles, description, null);
    }
}

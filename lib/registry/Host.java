package lib.registry;

import java.util.List;

/** A machine in the registry. `path` is where service directories live on that host. */
public record Host(String name, String ip, String sshUser, int sshPort, String sshKey, String path,
                   String arch, List<String> roles, String description) {
    public static final int DEFAULT_SSH_PORT = 22;

    public Host {
        roles = roles == null ? List.of() : List.copyOf(roles);
    }
}

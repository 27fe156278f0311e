package lib.deploy;

import java.nio.file.Path;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;

/** Where a service's files live: here, next to the registry, and on its host under the host's `path`. */
public final class ServiceDirs {
    private ServiceDirs() {}

    /** The folder holding the service's compose file or service file, resolved against the registry's folder. */
    public static Path localDir(Registry registry, Service service) {
        String file = service.dockerCompose() != null ? service.dockerCompose() : service.serviceFile();
        Path base = registry.file().toAbsolutePath().getParent();
        Path f = base.resolve(file).normalize();
        return f.getParent() == null ? base : f.getParent();
    }

    /** The compose file or service file itself, here. */
    public static Path localFile(Registry registry, Service service) {
        String file = service.dockerCompose() != null ? service.dockerCompose() : service.serviceFile();
        return registry.file().toAbsolutePath().getParent().resolve(file).normalize();
    }

    /** `<host path>/<service>`: the synced copy of the service folder on its host. */
    public static String remoteDir(Host host, Service service) {
        return trimSlash(host.path()) + "/" + service.name();
    }

    /** `<host path>/.portoser`: run/ (PID files) and logs/ on that host. */
    public static String runtimeDir(Host host) {
        return trimSlash(host.path()) + "/.portoser";
    }

    private static String trimSlash(String p) {
        return p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
    }
}

package lib.deploy;

import java.nio.file.Path;
import lib.exec.Executor;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * One service on one host, with everything a runner needs: the executor (pooled SSH or local), where the
 * service's files are here ({@code localDir}) and there ({@code remoteDir} = {@code <host path>/<service>}),
 * and where to report progress.
 */
public record DeployTarget(Registry registry, Service service, Host host, Executor executor,
                           Path localDir, String remoteDir, DeployListener listener) {

    public static DeployTarget of(Registry registry, Service service, Host host, Executor executor, DeployListener listener) {
        return new DeployTarget(registry, service, host, executor, ServiceDirs.localDir(registry, service),
                ServiceDirs.remoteDir(host, service), listener);
    }

    /** `<host path>/.portoser/run/<service>.pid` — the same path `status` reads. */
    public String pidFile() { return ServiceDirs.runtimeDir(host) + "/run/" + service.name() + ".pid"; }

    /** `<host path>/.portoser/logs/<service>.log`. */
    public String logFile() { return ServiceDirs.runtimeDir(host) + "/logs/" + service.name() + ".log"; }

    /** Sends one output line, prefixed later as `[service@host]`. */
    public void log(String line) { listener.line(service.name(), host.name(), line); }
}

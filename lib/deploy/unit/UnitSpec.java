package lib.deploy.unit;

import java.util.Map;
import lib.deploy.DeployTarget;
import lib.deploy.ServiceFile;

/**
 * What a systemd unit or launchd job is rendered from: the service file's commands and environment resolved to
 * host paths, the log file, and the account to run as (null: the manager's default, root for system units).
 */
public record UnitSpec(String name, String service, String workDir, String envFile, Map<String, String> env,
                       String start, String stop, String restart, String logFile, String user) {
    public UnitSpec {
        env = env == null ? Map.of() : env;
    }

    /** `portoser-<service>`: the name `status` looks for. */
    public static String unitName(String service) {
        return "portoser-" + service;
    }

    public static UnitSpec of(DeployTarget t, ServiceFile f, String user) {
        String remote = t.remoteDir();
        return new UnitSpec(unitName(t.service().name()), t.service().name(), f.workingDirIn(remote), f.envFileIn(remote),
                f.env(), f.start(), f.stop(), f.restart(), t.logFile(), user);
    }
}

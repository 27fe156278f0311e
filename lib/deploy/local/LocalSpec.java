package lib.deploy.local;

import java.util.Map;
import lib.deploy.DeployTarget;
import lib.deploy.ServiceFile;

/**
 * Everything the local runner's shell commands need about one service on one host, as host paths: the PID
 * file `status` reads, the sidecar that proves which process the PID means, the log, the working directory.
 */
public record LocalSpec(String service, String pidFile, String metaFile, String logFile, String workDir,
                        String envFile, Map<String, String> env, String start, String stop, String restart) {
    public LocalSpec {
        env = env == null ? Map.of() : env;
    }

    public static LocalSpec of(DeployTarget t, ServiceFile f) {
        return new LocalSpec(t.service().name(), t.pidFile(), metaFileFor(t.pidFile()), t.logFile(),
                f.workingDirIn(t.remoteDir()), f.envFileIn(t.remoteDir()), f.env(), f.start(), f.stop(), f.restart());
    }

    /** `<run>/<service>.pid` → `<run>/<service>.meta`: the PID file itself holds only the PID, as `status` expects. */
    public static String metaFileFor(String pidFile) {
        return (pidFile.endsWith(".pid") ? pidFile.substring(0, pidFile.length() - 4) : pidFile) + ".meta";
    }

    public String runDir() { return parent(pidFile); }

    public String logDir() { return parent(logFile); }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "/" : path.substring(0, i);
    }
}

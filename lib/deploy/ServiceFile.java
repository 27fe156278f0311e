package lib.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.registry.HealthCheck;

/**
 * A local or native service's `service.yml`: how to start (and optionally stop / restart) it, where, with which
 * environment, and how to tell it is healthy. Paths are relative to the synced service folder.
 *
 * @param start      shell command that runs the service in the foreground (required)
 * @param stop       optional shell command that asks it to stop; TERM (then KILL) follows if it does not
 * @param restart    optional shell command that reloads a running service in place (e.g. `kill -HUP …`)
 * @param workingDir folder the commands run in, relative to the service folder; "." when not given
 * @param envFile    optional file of KEY=value lines loaded before start, relative to the service folder
 * @param env        extra environment variables, in file order
 */
public record ServiceFile(String start, String stop, String restart, String workingDir, String envFile,
                          Map<String, String> env, Integer port, HealthCheck healthcheck) {
    public ServiceFile {
        workingDir = workingDir == null || workingDir.isBlank() ? "." : workingDir;
        env = env == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(env));
    }

    public static ServiceFile of(String start) {
        return new ServiceFile(start, null, null, null, null, null, null, null);
    }

    /** The working directory on the host: `<remoteDir>/<working_dir>`, without a trailing `/.`. */
    public String workingDirIn(String remoteDir) {
        return ".".equals(workingDir) ? remoteDir : remoteDir + "/" + stripDot(workingDir);
    }

    /** The env file on the host, or null: relative names resolve against the service folder. */
    public String envFileIn(String remoteDir) {
        if (envFile == null) return null;
        return envFile.startsWith("/") ? envFile : remoteDir + "/" + stripDot(envFile);
    }

    private static String stripDot(String p) {
        String s = p.startsWith("./") ? p.substring(2) : p;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}

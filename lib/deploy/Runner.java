package lib.deploy;

import java.util.List;

/**
 * Runs one deployment type (docker, local, native) on a host. Runners build their remote commands with pure
 * functions (tested as strings) and run them through the target's executor. Each method either returns or
 * throws {@link DeployException} with a one-line reason and a hint; none of them ever deletes user data
 * (no `down --volumes`, no removing directories portoser did not create).
 */
public interface Runner {
    /** Checks on the host before anything changes; an empty list means go. Never changes anything. */
    List<PreflightProblem> preflight(DeployTarget t);

    /** Copies the service directory to {@code t.remoteDir()}, sending only changed files. */
    lib.exec.SyncResult sync(DeployTarget t);

    /** Brings the service up with its current definition (recreating what changed); returns what came up. */
    UpResult up(DeployTarget t);

    /** Starts the service as last deployed (no sync, no recreate). */
    void start(DeployTarget t);

    /** Stops the service; keeps its containers' volumes, files and logs. */
    void stop(DeployTarget t);

    void restart(DeployTarget t);

    /** Whether its process / containers / unit run right now. */
    boolean isRunning(DeployTarget t);

    /** The last {@code lines} lines of its log (container logs or the local log file), for failure reports. */
    String logs(DeployTarget t, int lines);
}

package lib.deploy.history;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import lib.deploy.lock.ProcessId;

/**
 * A record still `running` whose process is gone (killed, machine crashed) never gets its end written; the
 * next reader marks it `abandoned` with the reason. Only for processes of this machine: another control
 * machine's pid tells us nothing.
 */
public final class Watchdog {
    private Watchdog() {}

    /** The abandoned version of {@code r}, or empty when it is finished or its process may still be running. */
    public static Optional<DeploymentRecord> check(DeploymentRecord r, Instant now) {
        if (!r.running()) return Optional.empty();
        ProcessId p = new ProcessId(r.controlHost(), r.pid(), r.pidStarted());
        if (!p.knownDead()) return Optional.empty();
        String why = "process " + r.pid() + " on " + r.controlHost() + " ended without finishing this record (killed?)";
        return Optional.of(r.ended(DeploymentRecord.ABANDONED, why, now.toString(), elapsed(r, now)));
    }

    private static long elapsed(DeploymentRecord r, Instant now) {
        try {
            return Duration.between(Instant.parse(r.startedAt()), now).toMillis();
        } catch (RuntimeException e) {
            return 0;
        }
    }
}

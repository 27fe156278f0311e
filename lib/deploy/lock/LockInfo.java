package lib.deploy.lock;

import java.time.Duration;
import java.time.Instant;

/**
 * Who holds the deploy lock and why, as stored in `$PORTOSER_HOME/locks/deploy` (JSON). A manual lock
 * (`portoser lock acquire`) belongs to no process: it is never broken as stale and never waited for.
 */
public record LockInfo(String who, String host, long pid, String pidStarted, String since, String why, boolean manual) {

    /** This process taking the lock now (or, for a manual lock, this user by hand). */
    public static LockInfo forThisProcess(String why, boolean manual) {
        ProcessId me = ProcessId.current();
        return new LockInfo(System.getProperty("user.name"), me.host(), manual ? 0 : me.pid(), manual ? null : me.started(),
                Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(), why, manual);
    }

    public ProcessId process() { return new ProcessId(host, pid, pidStarted); }

    /** A lock whose holder process is known to be gone (same machine, pid dead or reused). */
    public boolean stale() { return !manual && process().knownDead(); }

    /** `root@nuc pid 4242 since 2026-11-23T15:01:02Z (3m ago): deploy web` */
    public String describe(Instant now) {
        String age = since == null ? "" : " (" + ago(Duration.between(Instant.parse(since), now)) + " ago)";
        String holder = manual ? who + "@" + host + " by hand" : who + "@" + host + " pid " + pid;
        return holder + " since " + since + age + (why == null || why.isBlank() ? "" : ": " + why);
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.toSeconds());
        if (s < 120) return s + "s";
        if (s < 7200) return (s / 60) + "m";
        return (s / 3600) + "h";
    }
}

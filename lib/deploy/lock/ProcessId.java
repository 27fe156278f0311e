package lib.deploy.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * A process on a machine: host name, pid and start time. The start time tells a live holder from a new
 * process that happens to reuse a dead holder's pid.
 */
public record ProcessId(String host, long pid, String started) {
    private static final String HOST = hostName();

    public static ProcessId current() {
        return of(ProcessHandle.current().pid());
    }

    public static ProcessId of(long pid) {
        return new ProcessId(HOST, pid, ProcessHandle.of(pid).flatMap(h -> h.info().startInstant()).map(Instant::toString).orElse(null));
    }

    /** This machine's name, as recorded in locks and history. */
    public static String thisHost() { return HOST; }

    public boolean onThisHost() { return HOST.equals(host); }

    /**
     * Whether the process is gone, as far as this machine can tell: only for processes of this host (another
     * machine's pid means nothing here), and only when the pid is dead or now belongs to a later process.
     */
    public boolean knownDead() {
        if (!onThisHost() || pid <= 0) return false;
        ProcessId now = of(pid);
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) return true;
        return started != null && now.started() != null && !started.equals(now.started());
    }

    private static String hostName() {
        // /proc first: InetAddress.getLocalHost() may wait on DNS.
        try {
            String h = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
            if (!h.isEmpty()) return h;
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return "localhost";
        }
    }
}

package lib.deploy.local;

import lib.util.Sh;

/**
 * Size-based rotation of a local service's log, done just before each start: `x.log` → `x.log.1` → … →
 * `x.log.N`, the oldest dropped. A running service keeps appending to its open file, so rotating only at start
 * never cuts a line or loses output.
 */
public final class LogRotation {
    public static final long DEFAULT_MAX_BYTES = 10L * 1024 * 1024;
    public static final int DEFAULT_KEEP = 5;

    private LogRotation() {}

    /** Whether a log of {@code size} bytes is rotated before the next start; a limit of 0 or less never rotates. */
    public static boolean due(long size, long maxBytes) {
        return maxBytes > 0 && size >= maxBytes;
    }

    /** The shell lines that shift `log.1..log.(keep-1)` up by one and move the log to `log.1`; missing files are fine. */
    public static String command(String log, int keep) {
        if (keep < 1) return "rm -f " + Sh.quote(log) + "\n";
        StringBuilder sb = new StringBuilder();
        for (int i = keep - 1; i >= 1; i--) {
            sb.append("if [ -f ").append(Sh.quote(log + "." + i)).append(" ]; then mv -f ")
                    .append(Sh.quote(log + "." + i)).append(' ').append(Sh.quote(log + "." + (i + 1))).append("; fi\n");
        }
        return sb.append("mv -f ").append(Sh.quote(log)).append(' ').append(Sh.quote(log + ".1")).append('\n').toString();
    }
}

package lib.server.metrics;

/**
 * The aggregate `cpu` line of /proc/stat as two counters (jiffies since boot): busy time and total time. CPU use
 * is the busy share of the time between two readings, so the sampler keeps the previous reading per host
 * instead of sleeping between two reads inside one command.
 */
public record CpuTimes(long busy, long total) {

    /**
     * Reads {@code cpu  user nice system idle iowait irq softirq steal [guest guest_nice]}; null when the line is
     * not one. guest time is already counted in user, so only the first eight fields are summed; idle and iowait
     * are the idle part.
     */
    public static CpuTimes parse(String line) {
        if (line == null) return null;
        String[] f = line.trim().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) return null;
        long total = 0, idle = 0;
        try {
            for (int i = 1; i < f.length && i <= 8; i++) {
                long v = Long.parseLong(f[i]);
                total += v;
                if (i == 4 || i == 5) idle += v;
            }
        } catch (NumberFormatException e) {
            return null;
        }
        return new CpuTimes(total - idle, total);
    }

    /**
     * Busy percent of the time since {@code earlier}; null when there is no earlier reading, no time passed, or
     * the counters went backwards (the host rebooted).
     */
    public Double percentSince(CpuTimes earlier) {
        if (earlier == null) return null;
        long dt = total - earlier.total, db = busy - earlier.busy;
        if (dt <= 0 || db < 0) return null;
        return Math.min(100.0, 100.0 * db / dt);
    }
}

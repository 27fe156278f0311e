package lib.server.metrics;

/**
 * One host's resources at one moment, as the API, the event stream and the files on disk carry it. Percentages
 * are 0..100 with one decimal; sizes are bytes; {@code ts} is epoch milliseconds. {@code cpu} is null on a
 * host's first sample (CPU use needs two readings). An unreachable host gives {@code reachable: false} and the
 * error, every number null.
 */
public record Sample(String host, long ts, boolean reachable, String error, Long latencyMs, Double cpu,
                     Double load1, Double load5, Double load15, Integer cpus, Double memUsedPct, Long memTotalBytes,
                     Long memUsedBytes, Double swapUsedPct, Long swapTotalBytes, Long swapUsedBytes, String diskPath,
                     Double diskUsedPct, Long diskTotalBytes, Long diskUsedBytes) {

    /** A sample from a reading; {@code previousCpu} is the host's last cpu reading (null: none yet). */
    public static Sample of(String host, long ts, long latencyMs, HostReading r, CpuTimes previousCpu) {
        Double cpu = r.cpu() == null ? null : round(r.cpu().percentSince(previousCpu));
        double[] l = r.load();
        Long memUsed = r.memTotalKb() == null || r.memAvailableKb() == null ? null : r.memTotalKb() - r.memAvailableKb();
        Long swapUsed = r.swapTotalKb() == null || r.swapFreeKb() == null ? null : r.swapTotalKb() - r.swapFreeKb();
        // df's Use%: used / (used + available); the root-reserved blocks count as neither.
        Long diskRoom = r.diskUsedKb() == null || r.diskAvailableKb() == null ? null : r.diskUsedKb() + r.diskAvailableKb();
        return new Sample(host, ts, true, null, latencyMs, cpu,
                l == null ? null : l[0], l == null ? null : l[1], l == null ? null : l[2], r.cpus(),
                pct(memUsed, r.memTotalKb()), bytes(r.memTotalKb()), bytes(memUsed),
                pct(swapUsed, r.swapTotalKb()), bytes(r.swapTotalKb()), bytes(swapUsed),
                r.diskPath(), pct(r.diskUsedKb(), diskRoom), bytes(r.diskTotalKb()), bytes(r.diskUsedKb()));
    }

    public static Sample unreachable(String host, long ts, String error) {
        return new Sample(host, ts, false, error, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null);
    }

    /** No swap configured counts as 0 % used, so charts need no special case. */
    static Double pct(Long part, Long whole) {
        if (part == null || whole == null) return null;
        if (whole == 0) return 0.0;
        return round(100.0 * part / whole);
    }

    static Double round(Double v) { return v == null ? null : Math.round(v * 10) / 10.0; }

    private static Long bytes(Long kb) { return kb == null ? null : kb * 1024; }
}

package lib.server.metrics;

import lib.util.Sh;

/**
 * The one POSIX shell command a host runs per sample: the /proc/stat cpu line, load average and CPU count (the
 * same `@@load` / `@@cpus` lines as `status`'s probe, so {@link lib.status.ProbeParser} reads them), memory and
 * swap from /proc/meminfo, and `df` of the filesystem holding the host's `path` (its nearest existing parent).
 * Each fact is one `@@` line; a fact the host cannot give is simply missing.
 */
public final class MetricsScript {
    private MetricsScript() {}

    public static String build(String diskPath) {
        String p = Sh.quote(diskPath == null || diskPath.isBlank() ? "/" : diskPath);
        return String.join("\n",
                "echo \"@@cpu $(head -n 1 /proc/stat 2>/dev/null)\"",
                "echo \"@@load $( (cut -d' ' -f1-3 /proc/loadavg || sysctl -n vm.loadavg | tr -d '{}') 2>/dev/null)\"",
                "echo \"@@cpus $( (nproc || sysctl -n hw.ncpu) 2>/dev/null)\"",
                "awk '/^(MemTotal|MemFree|MemAvailable|Buffers|Cached|SwapTotal|SwapFree):/{print \"@@mem\", $1, $2}' /proc/meminfo 2>/dev/null",
                "d=" + p + "; while [ ! -d \"$d\" ] && [ \"$d\" != / ]; do d=$(dirname \"$d\"); done",
                "df -Pk \"$d\" 2>/dev/null | awk -v d=\"$d\" 'NR==2{print \"@@disk\", $2, $3, $4, d}'",
                "true") + "\n";
    }
}

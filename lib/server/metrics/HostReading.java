package lib.server.metrics;

import java.util.HashMap;
import java.util.Map;
import lib.status.HostProbe;
import lib.status.ProbeParser;

/**
 * What one run of {@link MetricsScript} printed, as raw numbers (kB as the kernel and df give them). Missing
 * facts are null. Pure: tested with captured outputs.
 */
public record HostReading(CpuTimes cpu, double[] load, Integer cpus, Long memTotalKb, Long memAvailableKb,
                          Long swapTotalKb, Long swapFreeKb, String diskPath, Long diskTotalKb, Long diskUsedKb,
                          Long diskAvailableKb) {

    public static HostReading parse(String output) {
        HostProbe probe = ProbeParser.parse(output);
        CpuTimes cpu = null;
        Map<String, Long> mem = new HashMap<>();
        String[] disk = null;
        for (String line : output.split("\n")) {
            String t = line.trim();
            if (t.startsWith("@@cpu ")) cpu = CpuTimes.parse(t.substring(6));
            else if (t.startsWith("@@mem ")) readMem(t.substring(6).trim(), mem);
            else if (t.startsWith("@@disk ")) disk = t.substring(7).trim().split("\\s+", 4);
        }
        Long available = mem.containsKey("MemAvailable") ? mem.get("MemAvailable") : oldKernelAvailable(mem);
        boolean diskOk = disk != null && disk.length == 4 && number(disk[0]) != null;
        return new HostReading(cpu, probe.load(), probe.cpus(), mem.get("MemTotal"), available, mem.get("SwapTotal"),
                mem.get("SwapFree"), diskOk ? disk[3] : null, diskOk ? number(disk[0]) : null,
                diskOk ? number(disk[1]) : null, diskOk ? number(disk[2]) : null);
    }

    /** Kernels before 3.14 have no MemAvailable: free + buffers + page cache is the usual estimate. */
    private static Long oldKernelAvailable(Map<String, Long> mem) {
        Long free = mem.get("MemFree");
        if (free == null) return null;
        return free + mem.getOrDefault("Buffers", 0L) + mem.getOrDefault("Cached", 0L);
    }

    private static void readMem(String rest, Map<String, Long> mem) {
        String[] f = rest.split("\\s+");
        if (f.length < 2) return;
        Long v = number(f[1]);
        if (v != null) mem.put(f[0].replace(":", ""), v);
    }

    private static Long number(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}

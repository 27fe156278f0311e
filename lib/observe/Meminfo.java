package lib.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes `MemTotal=N MemAvailable=N SwapTotal=N SwapFree=N` (kB, from /proc/meminfo) into snake_case facts. */
final class Meminfo {
    private Meminfo() {}

    static Map<String, Object> facts(String pairs, String raw) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (String kv : pairs.trim().split("\\s+")) {
            String[] p = kv.split("=", 2);
            if (p.length == 2 && p[1].matches("\\d+")) m.put(name(p[0]), Long.parseLong(p[1]));
        }
        m.put("line", raw);
        return m;
    }

    private static String name(String key) {
        return switch (key) {
            case "MemTotal" -> "mem_total_kb";
            case "MemAvailable" -> "mem_available_kb";
            case "SwapTotal" -> "swap_total_kb";
            case "SwapFree" -> "swap_free_kb";
            default -> key.toLowerCase();
        };
    }
}

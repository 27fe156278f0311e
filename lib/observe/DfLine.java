package lib.observe;

import java.util.LinkedHashMap;
import java.util.Map;

/** Decodes one POSIX `df -Pk` / `df -Pi` data line: filesystem, total, used, free, capacity%, mount point. */
final class DfLine {
    private DfLine() {}

    static Map<String, Object> blocks(String dfLine, String raw) {
        String[] w = dfLine.trim().split("\\s+");
        Map<String, Object> m = new LinkedHashMap<>();
        if (w.length < 6) return m;
        m.put("filesystem", w[0]);
        m.put("size_kb", longOr(w[1]));
        m.put("avail_kb", longOr(w[3]));
        m.put("used_pct", longOr(w[4].replace("%", "")));
        m.put("mount", w[5]);
        m.put("line", raw);
        return m;
    }

    /** Filesystems without inode accounting print `-`: then nothing is recorded for inodes. */
    static Map<String, Object> inodes(String dfLine, String raw) {
        String[] w = dfLine.trim().split("\\s+");
        Map<String, Object> m = new LinkedHashMap<>();
        if (w.length < 6 || !w[1].matches("\\d+") || w[1].equals("0")) return m;
        m.put("inodes", longOr(w[1]));
        m.put("inodes_free", longOr(w[3]));
        m.put("inodes_used_pct", longOr(w[4].replace("%", "")));
        m.put("inode_line", raw);
        return m;
    }

    private static long longOr(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}

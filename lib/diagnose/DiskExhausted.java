package lib.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.observe.Observation;

/**
 * disk_exhausted: a watched filesystem is nearly full — under 5% free, or under 200 MB free once it is at least
 * half used (a tiny filesystem that is mostly empty is not exhausted), or over 95% of its inodes used. One problem
 * per mount point. CRITICAL under 1% / 20 MB free (writes fail now), else HIGH.
 */
public final class DiskExhausted implements Matcher {
    static final long LOW_KB = 200 * 1024, CRITICAL_KB = 20 * 1024;

    @Override public String fingerprint() { return "disk_exhausted"; }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        Set<String> mounts = new HashSet<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            if (!o.kind().equals("disk") || mounts.contains(Facts.str(o, "mount"))) continue;
            Problem p = check(o, i);
            // Several watched paths often share one filesystem: report it once, at the first path that shows it.
            if (p != null && mounts.add(Facts.str(o, "mount"))) out.add(p);
        }
        return out;
    }

    private Problem check(Observation o, int i) {
        long size = Facts.num(o, "size_kb", -1), avail = Facts.num(o, "avail_kb", -1), inodes = Facts.num(o, "inodes_used_pct", -1);
        if (size <= 0 || avail < 0) return null;
        double freePct = 100.0 * avail / size;
        boolean blocks = freePct < 5 || (avail < LOW_KB && freePct < 50);
        if (!blocks && inodes <= 95) return null;
        boolean critical = freePct < 1 || avail < CRITICAL_KB || inodes >= 99;
        String path = Facts.str(o, "path"), mount = Facts.str(o, "mount");
        String what = blocks ? String.format("%d MB free of %d MB (%.1f%%)", avail / 1024, size / 1024, freePct)
                : inodes + "% of inodes used";
        String excerpt = blocks ? Facts.line(o) : Facts.str(o, "inode_line");
        return Problems.from(fingerprint(), o, i, critical ? Problem.Severity.CRITICAL : Problem.Severity.HIGH, 0.95, excerpt,
                "disk nearly full at " + path + " (mount " + mount + "): " + what,
                "free space on " + mount + ": prune dangling docker images/build cache and old logs (never volumes or user files)",
                Map.of("path", path, "mount", mount, "avail_kb", avail, "size_kb", size, "inodes_used_pct", inodes));
    }
}

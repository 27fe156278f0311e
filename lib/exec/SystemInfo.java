package lib.exec;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.util.Sh;

/**
 * A host's basics — OS, arch, CPUs, memory, disk, docker and compose flavour — gathered by ONE shell script
 * (one SSH round trip). Building the script and parsing its {@code key=value} output are pure.
 */
public record SystemInfo(String os, String kernel, String arch, int cpus, long memoryTotalBytes,
                         long memoryAvailableBytes, String diskPath, long diskTotalBytes, long diskAvailableBytes,
                         String dockerVersion, String compose, String composeVersion) {

    /** The script; {@code diskPath} is the directory whose filesystem is measured (the host's path). */
    public static String script(String diskPath) {
        String p = Sh.quote(diskPath == null || diskPath.isBlank() ? "/" : diskPath);
        return String.join("\n",
                "d=" + p + "; while [ ! -d \"$d\" ] && [ \"$d\" != / ]; do d=$(dirname \"$d\"); done",
                "echo \"disk_path=$d\"",
                "if [ -r /etc/os-release ]; then . /etc/os-release; echo \"os=${PRETTY_NAME:-$NAME}\"; else echo \"os=$(uname -s)\"; fi",
                "echo \"kernel=$(uname -r)\"",
                "echo \"arch=$(uname -m)\"",
                "echo \"cpus=$(nproc 2>/dev/null || getconf _NPROCESSORS_ONLN)\"",
                "awk '/^MemTotal:/{print \"mem_total_kb=\"$2} /^MemAvailable:/{print \"mem_available_kb=\"$2}' /proc/meminfo 2>/dev/null",
                "df -Pk \"$d\" 2>/dev/null | awk 'NR==2{print \"disk_total_kb=\"$2; print \"disk_available_kb=\"$4}'",
                "if command -v docker >/dev/null 2>&1; then echo \"docker=$(docker version --format '{{.Server.Version}}' 2>/dev/null"
                        + " || docker --version 2>/dev/null | sed 's/^Docker version \\([^,]*\\).*/\\1/')\"; fi",
                "if command -v docker >/dev/null 2>&1 && v=$(docker compose version --short 2>/dev/null); then echo \"compose=v2 $v\";",
                "elif command -v docker-compose >/dev/null 2>&1; then echo \"compose=v1 $(docker-compose version --short 2>/dev/null)\";",
                "else echo \"compose=none\"; fi",
                "true") + "\n";
    }

    /** Reads the script's output; missing values become null / 0 rather than errors. */
    public static SystemInfo parse(String output) {
        Map<String, String> kv = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) kv.putIfAbsent(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
        }
        String[] compose = kv.getOrDefault("compose", "none").split(" ", 2);
        return new SystemInfo(blankToNull(kv.get("os")), blankToNull(kv.get("kernel")), normaliseArch(kv.get("arch")),
                (int) number(kv.get("cpus")), kb(kv.get("mem_total_kb")), kb(kv.get("mem_available_kb")),
                blankToNull(kv.get("disk_path")), kb(kv.get("disk_total_kb")), kb(kv.get("disk_available_kb")),
                blankToNull(kv.get("docker")), composeFlavour(compose[0]), compose.length > 1 ? blankToNull(compose[1]) : null);
    }

    /** The registry's spelling: amd64 / arm64; anything else is passed through. */
    static String normaliseArch(String uname) {
        if (uname == null || uname.isBlank()) return null;
        return switch (uname.trim()) {
            case "x86_64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            default -> uname.trim();
        };
    }

    /** {@code docker compose} (v2 plugin), {@code docker-compose} (v1), or none. */
    static String composeFlavour(String tag) {
        return switch (tag) {
            case "v2" -> "docker compose";
            case "v1" -> "docker-compose";
            default -> null;
        };
    }

    private static long kb(String s) { return number(s) * 1024; }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String blankToNull(String s) { return s == null || s.isBlank() ? null : s; }
}

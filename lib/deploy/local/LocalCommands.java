package lib.deploy.local;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.util.Sh;

/**
 * The local runner's remote commands, built as POSIX shell text and nothing else (run elsewhere, tested as
 * strings). Each prints `@@` fact lines that {@link ProcState} and {@link LocalRunner} parse.
 */
public final class LocalCommands {
    /**
     * Prints a process's identity: its start time (clock ticks since boot from /proc, or `ps -o lstart` where
     * there is no /proc), empty when it does not exist or is a zombie. A PID plus its start time names one
     * process for the whole uptime, so a reused PID never passes for ours. Zombies count as gone because an
     * init that does not reap (as on this project's CI VMs) leaves killed processes as zombies for good.
     */
    public static final String IDENT = "ident() { if [ -r \"/proc/$1/stat\" ]; then sed 's/^.*) //' \"/proc/$1/stat\" 2>/dev/null"
            + " | awk '$1!=\"Z\"{print $20}'; else ps -o stat= -o lstart= -p \"$1\" 2>/dev/null"
            + " | awk '$1!~/^Z/{$1=\"\"; sub(/^ +/, \"\"); print}'; fi; }\n";

    private LocalCommands() {}

    /** One round trip: PID file, recorded and current start time, command line, log size, listeners on ports. */
    public static String probe(LocalSpec s, List<Integer> ports) {
        StringBuilder sb = new StringBuilder(IDENT)
                .append("p=$(head -c 32 ").append(Sh.quote(s.pidFile())).append(" 2>/dev/null | tr -dc 0-9)\n")
                .append("if [ -f ").append(Sh.quote(s.pidFile())).append(" ]; then echo \"@@pid $p\"; fi\n")
                .append("sed -n 's/^start=/@@recorded /p' ").append(Sh.quote(s.metaFile())).append(" 2>/dev/null\n")
                .append("if [ -n \"$p\" ]; then echo \"@@now $(ident \"$p\")\";")
                .append(" echo \"@@args $(ps -o args= -p \"$p\" 2>/dev/null | head -c 300)\"; fi\n")
                .append("echo \"@@logsize $(wc -c < ").append(Sh.quote(s.logFile())).append(" 2>/dev/null || echo 0)\"\n");
        for (int port : ports) sb.append(listeners(port));
        return sb.toString();
    }

    /** Who listens on a TCP port, space-separated (see {@link lib.exec.PortListeners}). */
    static String listeners(int port) {
        return lib.exec.PortListeners.script(port, " ");
    }

    /**
     * Starts the service detached: its own session (setsid) so it outlives the SSH session and can be stopped as
     * a group, stdin from /dev/null, output appended to the log. The start time is recorded in the sidecar before
     * the PID file appears (both renamed into place), then, after {@code settle}, `@@started PID` or `@@died PID`.
     */
    public static String start(LocalSpec s, boolean rotate, int keep, Duration settle) {
        StringBuilder sb = new StringBuilder(IDENT)
                .append("mkdir -p ").append(Sh.quote(s.runDir())).append(' ').append(Sh.quote(s.logDir())).append(" || exit 1\n")
                .append("cd ").append(Sh.quote(s.workDir())).append(" 2>/dev/null || { echo \"@@nodir\"; exit 0; }\n");
        if (s.envFile() != null) {
            sb.append("[ -r ").append(Sh.quote(s.envFile())).append(" ] || { echo \"@@noenvfile\"; exit 0; }\n");
        }
        if (rotate) sb.append(LogRotation.command(s.logFile(), keep));
        String log = Sh.quote(s.logFile());
        sb.append("echo \"--- portoser $(date -u +%Y-%m-%dT%H:%M:%SZ) start\" ").append(Sh.quote(s.service() + ": " + s.start()))
                .append(" >>").append(log).append('\n')
                .append("( ").append(environment(s)).append(detach(s.start())).append(" ) </dev/null >>").append(log).append(" 2>&1 &\n")
                .append("p=$!\ns=$(ident \"$p\")\n")
                .append(record(s))
                .append("sleep ").append(seconds(settle)).append('\n')
                .append("if [ -n \"$s\" ] && [ \"$(ident \"$p\")\" = \"$s\" ]; then echo \"@@started $p\"; else ")
                .append(removeIfPid(s, "$p")).append(" echo \"@@died $p\"; fi\n");
        return sb.toString();
    }

    /** env_file first, then `env:` entries (which win), in the launching subshell only. */
    static String environment(LocalSpec s) {
        StringBuilder sb = new StringBuilder();
        if (s.envFile() != null) sb.append("set -a; . ").append(Sh.quote(s.envFile())).append("; set +a; ");
        for (Map.Entry<String, String> e : s.env().entrySet()) {
            sb.append("export ").append(e.getKey()).append('=').append(Sh.quote(e.getValue())).append("; ");
        }
        return sb.toString();
    }

    /**
     * The subshell is the background job, so `exec setsid` keeps `$!` as the service's PID (setsid only forks
     * when the caller leads a process group, which a job of a non-interactive shell does not). Without setsid
     * (macOS) hangups are ignored instead; an ignored signal stays ignored across exec.
     */
    static String detach(String command) {
        String sh = "sh -c " + Sh.quote(command);
        return "if command -v setsid >/dev/null 2>&1; then exec setsid " + sh + "; else trap '' HUP; exec " + sh + "; fi";
    }

    private static String record(LocalSpec s) {
        String meta = Sh.quote(s.metaFile()), pid = Sh.quote(s.pidFile());
        return "printf 'start=%s\\ncommand=%s\\nstarted_at=%s\\n' \"$s\" " + Sh.quote(s.start().replace("\n", " "))
                + " \"$(date -u +%Y-%m-%dT%H:%M:%SZ)\" > " + Sh.quote(s.metaFile() + ".tmp") + " && mv -f "
                + Sh.quote(s.metaFile() + ".tmp") + ' ' + meta + "\n"
                + "echo \"$p\" > " + Sh.quote(s.pidFile() + ".tmp") + " && mv -f " + Sh.quote(s.pidFile() + ".tmp") + ' ' + pid + "\n";
    }

    /**
     * Stops the process {@code pid} that started at {@code ident}: re-checks that identity first (the probe ran a
     * round trip ago), runs the service's own stop command if any, sends TERM to its process group, waits up to
     * {@code grace}, then KILLs what is left. Prints `@@changed`, `@@terminated` or `@@killed`.
     */
    public static String stop(LocalSpec s, int pid, String ident, Duration grace) {
        long ticks = Math.max(1, grace.toMillis() / 100);
        StringBuilder sb = new StringBuilder(IDENT)
                .append("p=").append(pid).append("; s=").append(Sh.quote(ident)).append('\n')
                .append("if [ \"$(ident $p)\" != \"$s\" ]; then echo \"@@changed\"; exit 0; fi\n")
                .append("if [ \"$(ps -o pgid= -p $p 2>/dev/null | tr -d ' ')\" = \"$p\" ]; then g=\"-- -$p\"; else g=\"$p\"; fi\n");
        if (s.stop() != null) sb.append(runInService(s, s.stop())).append(waitWhileAlive(ticks));
        sb.append("if [ \"$(ident $p)\" = \"$s\" ]; then kill -s TERM $g 2>/dev/null; fi\n").append(waitWhileAlive(ticks))
                .append("if [ \"$(ident $p)\" = \"$s\" ]; then kill -s KILL $g 2>/dev/null; r=killed; else r=terminated; fi\n")
                // Children that outlived their group leader: the kernel keeps a PID that is still some group's id
                // from being reused, so this reaches only what the service itself left behind.
                .append("if [ \"$g\" != \"$p\" ]; then kill -s KILL -- -$p 2>/dev/null; fi\n")
                .append(waitWhileAlive(50))
                .append("rm -f ").append(Sh.quote(s.pidFile())).append(' ').append(Sh.quote(s.metaFile())).append('\n')
                .append("echo \"@@$r\"\n");
        return sb.toString();
    }

    private static String waitWhileAlive(long ticks) {
        return "i=0; while [ \"$(ident $p)\" = \"$s\" ] && [ $i -lt " + ticks + " ]; do sleep 0.1; i=$((i+1)); done\n";
    }

    /** Runs a service command (stop, restart) in its working directory with its environment; output to the log. */
    static String runInService(LocalSpec s, String command) {
        return "( cd " + Sh.quote(s.workDir()) + " || exit 1; " + environment(s) + "exec sh -c " + Sh.quote(command) + " ) </dev/null >>"
                + Sh.quote(s.logFile()) + " 2>&1\n";
    }

    /** The service's `restart` command (an in-place reload); prints `@@exit N`. */
    public static String reload(LocalSpec s) {
        return runInService(s, s.restart()) + "echo \"@@exit $?\"\n";
    }

    /** Removes a stale PID file and its sidecar, but only while the PID file still names {@code pid}. */
    public static String clean(LocalSpec s, int pid) {
        return removeIfPid(s, pid <= 0 ? "" : String.valueOf(pid)) + "\n";
    }

    private static String removeIfPid(LocalSpec s, String pid) {
        return "if [ \"$(head -c 32 " + Sh.quote(s.pidFile()) + " 2>/dev/null | tr -dc 0-9)\" = \"" + pid + "\" ]; then rm -f "
                + Sh.quote(s.pidFile()) + ' ' + Sh.quote(s.metaFile()) + "; fi;";
    }

    /** The last {@code lines} lines of the log; nothing when there is no log yet. */
    public static String tail(String logFile, int lines) {
        return "tail -n " + Math.max(1, lines) + ' ' + Sh.quote(logFile) + " 2>/dev/null || true";
    }

    static String seconds(Duration d) {
        long ms = Math.max(0, d.toMillis());
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.format(java.util.Locale.ROOT, "%d.%03d", ms / 1000, ms % 1000);
    }
}

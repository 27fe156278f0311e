package lib.observe;

import lib.deploy.local.LocalCommands;
import lib.util.Sh;

/**
 * Builds the one POSIX shell script that observes a service on its host in a single round trip. It only reads:
 * every fact is one line starting with `@@` and `|`-separated fields, decoded by {@link ObserveParser}.
 */
public final class ObserveScript {
    /** `pm KIND PATH`: exists / readable / writable (access(2), so a read-only mount counts), owner, mode, ro mount. */
    static final String PERM_FN = "pm() { if [ -e \"$2\" ]; then r=no; w=no; [ -r \"$2\" ] && r=yes; [ -w \"$2\" ] && w=yes;"
            + " o=$(stat -c '%U:%G|%a' \"$2\" 2>/dev/null || stat -f '%Su:%Sg|%Lp' \"$2\" 2>/dev/null);"
            + " ro=no; findmnt -n -o OPTIONS -T \"$2\" 2>/dev/null | tr ',' '\\n' | grep -qx ro && ro=yes;"
            + " echo \"@@perm $1|$2|yes|$r|$w|$o|$ro\"; else echo \"@@perm $1|$2|no\"; fi; }\n";
    /** Bounds each docker call: a hung daemon must not hang the whole observation. */
    static final String DOCKER = "dk() { if command -v timeout >/dev/null 2>&1; then timeout 10 docker \"$@\"; else docker \"$@\"; fi; }\n";

    private ObserveScript() {}

    public static String build(ObserveTarget t) {
        StringBuilder sb = new StringBuilder(LocalCommands.IDENT).append(PERM_FN).append(DOCKER);
        sb.append("echo \"@@user $(id -un 2>/dev/null)\"\n");
        for (String p : t.diskPaths()) sb.append(disk(p));
        sb.append(memory());
        if (t.local()) sb.append(process(t));
        sb.append(oom());
        if (t.port() != null) sb.append(port(t.port()));
        if (t.docker()) sb.append(daemon()).append(containers(t.project())).append(socket());
        sb.append(permissions(t));
        return sb.toString();
    }

    static String disk(String path) {
        String q = Sh.quote(path);
        return "if [ -e " + q + " ]; then echo \"@@df " + path + "|$(df -Pk " + q + " 2>/dev/null | tail -n 1)\";"
                + " echo \"@@dfi " + path + "|$(df -Pi " + q + " 2>/dev/null | tail -n 1)\"; fi\n";
    }

    static String memory() {
        return "[ -r /proc/meminfo ] && echo \"@@mem $(awk '/^(MemTotal|MemAvailable|SwapTotal|SwapFree):/{sub(\":\",\"\",$1);"
                + " printf \"%s=%s \", $1, $2}' /proc/meminfo)\"\n";
    }

    /** PID file, current vs recorded start time (LocalCommands.IDENT), kernel state (Z = zombie), group, args. */
    static String process(ObserveTarget t) {
        return "f=" + Sh.quote(t.pidFile()) + "; m=" + Sh.quote(t.metaFile()) + "\n"
                + "if [ -f \"$f\" ]; then p=$(head -c 32 \"$f\" | tr -dc 0-9); now=''; st=''; g=''; a='';"
                + " if [ -n \"$p\" ]; then now=$(ident \"$p\"); st=$(sed 's/^.*) //' /proc/$p/stat 2>/dev/null | cut -d' ' -f1);"
                + " g=$(ps -o pgid= -p \"$p\" 2>/dev/null | tr -d ' '); a=$(ps -o args= -p \"$p\" 2>/dev/null | head -c 300); fi;"
                + " rec=$(sed -n 's/^start=//p' \"$m\" 2>/dev/null);"
                + " echo \"@@pid ${p:-0}|$now|$rec|$st|$g|$a\"; else echo \"@@pid none\"; fi\n";
    }

    /** Best effort: the kernel log is often unreadable to non-root users, then nothing is printed. */
    static String oom() {
        return "dmesg 2>/dev/null | grep -iE 'out of memory|oom-kill|killed process' | tail -n 5 | sed 's/^/@@oom /'\n";
    }

    /** Who listens on the port (ss, else lsof), each holder's group and command, and containers publishing it. */
    static String port(int port) {
        return lib.exec.PortListeners.script(port, "|")
                + "command -v docker >/dev/null 2>&1 && dk ps --filter publish=" + port
                + " --format '@@pub " + port + "|{{.Names}}|{{.Label \"com.docker.compose.project\"}}' 2>/dev/null\n";
    }

    /**
     * Prints how this host could start its docker daemon without a configured command: `systemd` (PID 1 is systemd
     * and systemctl is there), `service` (a `service` command and /etc/init.d/docker), else `none`. Shared with the
     * docker_daemon_down pattern, so diagnosis and fix agree.
     */
    public static final String DOCKER_INIT = "if [ \"$(cat /proc/1/comm 2>/dev/null)\" = systemd ] && command -v systemctl >/dev/null 2>&1;"
            + " then echo systemd; elif command -v service >/dev/null 2>&1 && [ -x /etc/init.d/docker ]; then echo service; else echo none; fi";

    /** The daemon's state; when it is down, first `@@dinit` ({@link #DOCKER_INIT}): how it could be started. */
    static String daemon() {
        return "if command -v docker >/dev/null 2>&1; then if v=$(dk version --format '{{.Server.Version}}' 2>&1);"
                + " then echo \"@@daemon ok|$v\"; else echo \"@@dinit $(" + DOCKER_INIT + ")\";"
                + " echo \"@@daemon down|$(printf '%s\\n' \"$v\" | sed '/^ *$/d' | tail -n 1)\"; fi;"
                + " else echo '@@daemon missing|docker is not installed'; fi\n";
    }

    static String containers(String project) {
        return "dk ps -a --filter label=com.docker.compose.project=" + Sh.quote(project)
                + " --format '@@ctr {{.Names}}|{{.State}}|{{.Status}}' 2>/dev/null\n";
    }

    /** The socket the docker CLI would use: DOCKER_HOST when it is unix://, else the default path. */
    static String socket() {
        return "case \"${DOCKER_HOST:-}\" in unix://*) pm docker_socket \"${DOCKER_HOST#unix://}\";; '') pm docker_socket /var/run/docker.sock;; esac\n";
    }

    static String permissions(ObserveTarget t) {
        StringBuilder sb = new StringBuilder();
        sb.append("pm host_path ").append(Sh.quote(t.hostPath())).append('\n');
        sb.append("[ -e ").append(Sh.quote(t.serviceDir())).append(" ] && pm service_dir ").append(Sh.quote(t.serviceDir())).append('\n');
        for (String b : t.bindSources()) sb.append("pm bind ").append(pathWord(b)).append('\n');
        return sb.toString();
    }

    /** A leading `~/` is left for the remote shell to expand to the ssh user's home. */
    private static String pathWord(String path) {
        return path.startsWith("~/") ? "\"$HOME\"/" + Sh.quote(path.substring(2)) : Sh.quote(path);
    }
}

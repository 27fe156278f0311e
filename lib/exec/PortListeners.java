package lib.exec;

/**
 * Shell that reports who listens on a TCP port: `ss -p` (Linux) or `lsof` (macOS/BSD) for the PIDs, then each holder's
 * process group and command line, so a caller can tell a service's own children from a foreign program. Prints
 * `@@listen PORT<sep>COUNT` and one `@@holder PORT<sep>PID<sep>PGID<sep>ARGS` line per holder.
 */
public final class PortListeners {
    private PortListeners() {}

    public static String script(int port, String sep) {
        String ss = "ss -Hltnp 'sport = :" + port + "' 2>/dev/null";
        return "if command -v ss >/dev/null 2>&1; then echo \"@@listen " + port + sep + "$(" + ss + " | wc -l | tr -d ' ')\";"
                + " hs=$(" + ss + " | grep -o 'pid=[0-9]*' | cut -d= -f2 | sort -u);\n"
                + "else hs=$(lsof -nP -t -iTCP:" + port + " -sTCP:LISTEN 2>/dev/null | sort -u);"
                + " echo \"@@listen " + port + sep + "$(printf '%s' \"$hs\" | grep -c .)\"; fi\n"
                + "for h in $hs; do echo \"@@holder " + port + sep + "$h" + sep + "$(ps -o pgid= -p \"$h\" 2>/dev/null | tr -d ' ')" + sep
                + "$(ps -o args= -p \"$h\" 2>/dev/null | head -c 200)\"; done\n";
    }
}

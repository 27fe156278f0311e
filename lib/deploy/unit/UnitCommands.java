package lib.deploy.unit;

import lib.util.Sh;

/**
 * Shell text for installing and driving systemd units and launchd agents (pure, tested as strings). Commands that
 * touch system locations get `sudo -n` when the SSH user is not root, so a missing sudo rule fails at once
 * instead of waiting for a password.
 */
public final class UnitCommands {
    private UnitCommands() {}

    public static String systemdPath(String unit) { return "/etc/systemd/system/" + unit + ".service"; }

    public static String launchdPath(String home, String unit) { return home + "/Library/LaunchAgents/" + unit + ".plist"; }

    /**
     * Writes {@code content} to {@code path} through a temp file, only when it differs (so an unchanged unit
     * needs no daemon-reload); prints `@@changed` or `@@same`. Also makes the log folder the unit appends to.
     */
    public static String install(String path, String content, String logDir, boolean sudo) {
        String tmp = Sh.quote(path + ".tmp"), dst = Sh.quote(path);
        String dir = path.substring(0, Math.max(1, path.lastIndexOf('/')));
        String body = "mkdir -p " + Sh.quote(dir) + ' ' + Sh.quote(logDir) + " && printf '%s' " + Sh.quote(content) + " > " + tmp
                + " && if cmp -s " + tmp + ' ' + dst + "; then rm -f " + tmp + "; echo @@same; else mv -f " + tmp + ' ' + dst
                + "; echo @@changed; fi";
        return priv(body, sudo);
    }

    /** systemd `up`: reload definitions when the unit changed, enable at boot, (re)start, report the state. */
    public static String systemdUp(String unit, boolean changed, boolean sudo) {
        String u = Sh.quote(unit + ".service");
        String body = (changed ? "systemctl daemon-reload && " : "") + "systemctl enable --quiet " + u + " && systemctl restart " + u;
        return priv(body, sudo) + "; echo \"@@state $(systemctl is-active " + u + " 2>/dev/null)\"";
    }

    /** `systemctl start|stop|restart|reload UNIT`. */
    public static String systemctl(String verb, String unit, boolean sudo) {
        return priv("systemctl " + verb + ' ' + Sh.quote(unit + ".service"), sudo);
    }

    public static String systemdActive(String unit) {
        return "systemctl is-active --quiet " + Sh.quote(unit + ".service");
    }

    /** launchd `up`: unload the old job if loaded, then load the (new) plist into the user's GUI domain. */
    public static String launchdUp(String unit, String plist) {
        return "d=gui/$(id -u); launchctl bootout \"$d/" + unit + "\" 2>/dev/null; launchctl bootstrap \"$d\" " + Sh.quote(plist);
    }

    public static String launchdStart(String unit, String plist) {
        return "d=gui/$(id -u); launchctl print \"$d/" + unit + "\" >/dev/null 2>&1 || launchctl bootstrap \"$d\" " + Sh.quote(plist)
                + "; launchctl kickstart \"$d/" + unit + "\"";
    }

    /** Unloading is launchd's stop: with KeepAlive a killed job would be started again. */
    public static String launchdStop(String unit) {
        return "launchctl bootout \"gui/$(id -u)/" + unit + "\" 2>/dev/null || true";
    }

    public static String launchdRestart(String unit) {
        return "launchctl kickstart -k \"gui/$(id -u)/" + unit + "\"";
    }

    public static String launchdActive(String unit) {
        return "launchctl print \"gui/$(id -u)/" + unit + "\" 2>/dev/null | grep -q 'state = running'";
    }

    /** Runs a service command (custom stop or restart) in its folder with its env file, output to its log. */
    public static String inService(UnitSpec s, String command) {
        String env = s.envFile() == null ? "" : "set -a; . " + Sh.quote(s.envFile()) + "; set +a; ";
        StringBuilder exports = new StringBuilder();
        s.env().forEach((k, v) -> exports.append("export ").append(k).append('=').append(Sh.quote(v)).append("; "));
        return "( cd " + Sh.quote(s.workDir()) + " || exit 1; " + env + exports + "exec sh -c " + Sh.quote(command) + " ) </dev/null >>"
                + Sh.quote(s.logFile()) + " 2>&1";
    }

    public static String tail(String logFile, int lines) {
        return "tail -n " + Math.max(1, lines) + ' ' + Sh.quote(logFile) + " 2>/dev/null || true";
    }

    static String priv(String body, boolean sudo) {
        return sudo ? "sudo -n sh -c " + Sh.quote(body) : body;
    }
}

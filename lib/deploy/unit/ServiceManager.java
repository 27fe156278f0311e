package lib.deploy.unit;

/**
 * The host's service manager as seen in one round trip: systemd only when it runs as the init (the
 * `/run/systemd/system` test of sd_booted), launchd on macOS, otherwise none, with what PID 1 is instead.
 */
public record ServiceManager(Kind kind, String uid, String home, String os, String init) {
    public enum Kind { SYSTEMD, LAUNCHD, NONE }

    /** Prints `@@manager`, `@@uid`, `@@home`, `@@os` and `@@init` lines. */
    public static String detectCommand() {
        return "if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then m=systemd;"
                + " elif [ \"$(uname -s)\" = Darwin ] && command -v launchctl >/dev/null 2>&1; then m=launchd; else m=none; fi\n"
                + "echo \"@@manager $m\"; echo \"@@uid $(id -u)\"; echo \"@@home $HOME\"; echo \"@@os $(uname -s)\";"
                + " echo \"@@init $(ps -o comm= -p 1 2>/dev/null)\"\n";
    }

    public static ServiceManager parse(String output) {
        Kind kind = Kind.NONE;
        String uid = "", home = "", os = "", init = "";
        for (String line : output.split("\n")) {
            String[] w = line.split(" ", 2);
            String v = w.length > 1 ? w[1].strip() : "";
            switch (w[0]) {
                case "@@manager" -> kind = v.equals("systemd") ? Kind.SYSTEMD : v.equals("launchd") ? Kind.LAUNCHD : Kind.NONE;
                case "@@uid" -> uid = v;
                case "@@home" -> home = v;
                case "@@os" -> os = v;
                case "@@init" -> init = v;
                default -> { }
            }
        }
        return new ServiceManager(kind, uid, home, os, init);
    }

    public boolean root() { return "0".equals(uid); }

    /** Why a native deploy cannot run here, for the message; null when a manager runs. */
    public String absence() {
        if (kind != Kind.NONE) return null;
        String pid1 = init.isEmpty() ? "" : ", PID 1 is " + init;
        return "no running service manager (" + (os.isEmpty() ? "unknown OS" : os) + pid1
                + (os.equals("Linux") ? ": systemd is not the init" : "") + ")";
    }
}

package lib.deploy.unit;

import java.util.Map;

/**
 * Renders a launchd property list (pure) for a per-user agent in ~/Library/LaunchAgents. launchd has no env file
 * setting, so an env_file is sourced by the shell that runs the start command.
 */
public final class LaunchdPlist {
    private LaunchdPlist() {}

    public static String render(UnitSpec s) {
        StringBuilder sb = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n")
                .append("<!-- Written by portoser for service ").append(comment(s.service())).append(": edits are replaced on the next deploy. -->\n")
                .append("<plist version=\"1.0\">\n<dict>\n")
                .append(entry("Label", s.name()))
                .append("  <key>ProgramArguments</key>\n  <array>\n")
                .append("    <string>/bin/sh</string>\n    <string>-c</string>\n")
                .append("    <string>").append(xml(command(s))).append("</string>\n  </array>\n")
                .append(entry("WorkingDirectory", s.workDir()));
        if (!s.env().isEmpty()) {
            sb.append("  <key>EnvironmentVariables</key>\n  <dict>\n");
            for (Map.Entry<String, String> e : s.env().entrySet()) {
                sb.append("    <key>").append(xml(e.getKey())).append("</key>\n    <string>").append(xml(e.getValue())).append("</string>\n");
            }
            sb.append("  </dict>\n");
        }
        if (s.user() != null) sb.append(entry("UserName", s.user()));
        return sb.append(entry("StandardOutPath", s.logFile())).append(entry("StandardErrorPath", s.logFile()))
                .append("  <key>RunAtLoad</key>\n  <true/>\n")
                // Restart after a crash, not after a clean exit: the same policy as systemd's Restart=on-failure.
                .append("  <key>KeepAlive</key>\n  <dict>\n    <key>SuccessfulExit</key>\n    <false/>\n  </dict>\n")
                .append("</dict>\n</plist>\n").toString();
    }

    /** The start command, after sourcing the env file when there is one. */
    static String command(UnitSpec s) {
        if (s.envFile() == null) return s.start();
        return "set -a; . " + lib.util.Sh.quote(s.envFile()) + "; set +a; " + s.start();
    }

    private static String entry(String key, String value) {
        return "  <key>" + key + "</key>\n  <string>" + xml(value) + "</string>\n";
    }

    /** XML text: the five specials escaped; control characters XML 1.0 cannot carry become spaces. */
    static String xml(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&apos;");
                default -> sb.append(c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? ' ' : c);
            }
        }
        return sb.toString();
    }

    private static String comment(String s) {
        return xml(s).replace("--", "- -");
    }
}

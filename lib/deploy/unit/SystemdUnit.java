package lib.deploy.unit;

import java.util.Map;

/**
 * Renders a systemd service unit (pure). Commands run through `/bin/sh -c` so they mean what they mean in a
 * local deploy; output is appended to the same log file the local runner uses.
 */
public final class SystemdUnit {
    private SystemdUnit() {}

    public static String render(UnitSpec s) {
        StringBuilder sb = new StringBuilder()
                .append("# Written by portoser for service ").append(s.service()).append(": edits are replaced on the next deploy.\n")
                .append("[Unit]\nDescription=portoser: ").append(specifiers(s.service()).replace("\n", " ")).append('\n')
                .append("After=network-online.target\nWants=network-online.target\n\n")
                .append("[Service]\nType=simple\n");
        if (s.user() != null) sb.append("User=").append(s.user()).append('\n');
        sb.append("WorkingDirectory=").append(specifiers(s.workDir())).append('\n');
        if (s.envFile() != null) sb.append("EnvironmentFile=").append(specifiers(s.envFile())).append('\n');
        for (Map.Entry<String, String> e : s.env().entrySet()) {
            sb.append("Environment=").append(quoted(e.getKey() + "=" + e.getValue(), false)).append('\n');
        }
        sb.append("ExecStart=").append(shell(s.start())).append('\n');
        if (s.stop() != null) sb.append("ExecStop=").append(shell(s.stop())).append('\n');
        if (s.restart() != null) sb.append("ExecReload=").append(shell(s.restart())).append('\n');
        return sb.append("StandardOutput=append:").append(specifiers(s.logFile())).append('\n')
                .append("StandardError=append:").append(specifiers(s.logFile())).append('\n')
                .append("Restart=on-failure\nRestartSec=2\nTimeoutStopSec=10\n\n")
                .append("[Install]\nWantedBy=multi-user.target\n").toString();
    }

    /** `/bin/sh -c "<command>"`, escaped for systemd's command-line parser. */
    static String shell(String command) {
        return "/bin/sh -c " + quoted(command, true);
    }

    /**
     * A double-quoted systemd word: backslash and quote escaped, newlines and tabs as C escapes, `%` doubled
     * (specifiers). In Exec lines `$` is doubled too, since systemd would expand `$VAR` itself; the shell must see it.
     */
    static String quoted(String s, boolean exec) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '%' -> sb.append("%%");
                case '$' -> sb.append(exec ? "$$" : "$");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }

    /** A plain value (path, description): only specifiers need escaping. */
    static String specifiers(String s) {
        return s.replace("%", "%%");
    }
}

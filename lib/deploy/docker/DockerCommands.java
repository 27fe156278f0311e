package lib.deploy.docker;

import java.util.List;
import java.util.Locale;
import lib.util.Sh;

/**
 * Docker command lines that do not need the compose file: probes, and container queries by the compose
 * project label (the same label `status` reads). Pure: each method returns the exact shell text.
 */
public final class DockerCommands {
    private DockerCommands() {}

    /** The compose project name for a service, normalised the way compose itself does (lower case, [a-z0-9_-]). */
    public static String project(String service) {
        return service.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    }

    static String label(String project) { return "label=com.docker.compose.project=" + project; }

    /** Prints `@@v2 <first line of docker compose version>` and `@@v1 <… of docker-compose version>`. */
    public static String flavourProbe() {
        return "echo \"@@v2 $(docker compose version 2>&1 | grep -i 'compose version' | head -n 1)\"; "
                + "echo \"@@v1 $(docker-compose version 2>&1 | grep -i 'compose version' | head -n 1)\"";
    }

    /** Prints `@@docker yes|no` and `@@daemon ok VERSION` or `@@daemon down LAST-ERROR-LINE`. */
    public static String daemonProbe() {
        return "if command -v docker >/dev/null 2>&1; then echo '@@docker yes'; else echo '@@docker no'; fi; "
                + "if v=$(docker version --format '{{.Server.Version}}' 2>&1); then echo \"@@daemon ok $v\"; "
                + "else echo \"@@daemon down $(printf '%s\\n' \"$v\" | sed '/^ *$/d' | tail -n 1)\"; fi";
    }

    /** Per bind source (by index): `@@bind I yes|no`. A leading {@code ~/} is left to the remote shell. */
    public static String bindProbe(List<String> sources) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < sources.size(); i++) {
            sb.append("if [ -e ").append(pathWord(sources.get(i))).append(" ]; then echo '@@bind ").append(i)
                    .append(" yes'; else echo '@@bind ").append(i).append(" no'; fi; ");
        }
        return sb.toString().trim();
    }

    /**
     * Who holds TCP {@code port}: `@@pub NAME PROJECT` per running container publishing it, and `@@listen LINE`
     * per listening socket (ss, else lsof, else netstat), so a holder is named by pid and command.
     */
    public static String portProbe(int port) {
        return "docker ps --filter publish=" + port + " --format '@@pub {{.Names}} {{.Label \"com.docker.compose.project\"}}' 2>/dev/null; "
                + "{ if command -v ss >/dev/null 2>&1; then ss -Hltnp 'sport = :" + port + "';"
                + " elif command -v lsof >/dev/null 2>&1; then lsof -nP -iTCP:" + port + " -sTCP:LISTEN | tail -n +2;"
                + " else netstat -ltnp 2>/dev/null | grep ':" + port + " '; fi; } 2>/dev/null | sed 's/^/@@listen /'";
    }

    /** Prints one id per running container of the project (empty: nothing runs). */
    public static String running(String project) {
        return "docker ps -q --filter " + label(project) + " --filter status=running";
    }

    /** `NAME IMAGE-ID` per running container of the project. */
    public static String images(String project) {
        return "ids=$(docker ps -q --filter " + label(project) + ") && { [ -z \"$ids\" ] || "
                + "docker inspect --format '{{.Name}} {{.Image}}' $ids; }";
    }

    private static String pathWord(String path) {
        return path.startsWith("~/") ? "~/" + Sh.quote(path.substring(2)) : Sh.quote(path);
    }
}

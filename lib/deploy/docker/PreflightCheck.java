package lib.deploy.docker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import lib.deploy.PreflightProblem;

/**
 * Turns the output of the remote preflight probe ({@link DockerCommands}) into problems, each with a hint.
 * Pure, so every verdict is tested on captured output. A port published by the service's own compose project
 * is not a conflict.
 */
public record PreflightCheck(String service, String host, String project, Integer port, List<String> bindSources) {
    private static final Pattern SS_USER = Pattern.compile("users:\\(\\(\"([^\"]+)\",pid=(\\d+)");

    public List<PreflightProblem> problems(String output) {
        List<PreflightProblem> out = new ArrayList<>();
        if (!"yes".equals(ProbeLines.value(output, "docker"))) {
            out.add(problem("docker", "the docker CLI is not installed", "install Docker Engine on " + host));
            return out;
        }
        String daemon = ProbeLines.value(output, "daemon");
        if (daemon == null || !daemon.startsWith("ok")) {
            out.add(problem("docker_daemon", "the docker daemon does not answer: " + rest(daemon),
                    "start it on " + host + " (systemctl start docker) or check DOCKER_HOST"));
        }
        if (ComposeFlavor.detect(output).isEmpty()) {
            out.add(problem("compose", "neither `docker compose` nor `docker-compose` is available",
                    "install the compose plugin (docker-compose-plugin) or docker-compose on " + host));
        }
        out.addAll(missingBinds(output));
        if (port != null) out.addAll(portProblems(output));
        return out;
    }

    private List<PreflightProblem> missingBinds(String output) {
        List<PreflightProblem> out = new ArrayList<>();
        for (int i = 0; i < bindSources.size(); i++) {
            if (ProbeLines.values(output, "bind").contains(i + " yes")) continue;
            out.add(problem("bind_mount", "bind-mount source " + bindSources.get(i) + " does not exist",
                    "create it on " + host + " (mkdir -p " + bindSources.get(i) + ") or fix the compose file's volumes"));
        }
        return out;
    }

    private List<PreflightProblem> portProblems(String output) {
        List<String> published = ProbeLines.values(output, "pub");
        for (String p : published) if (project.equals(field(p, 1))) return List.of(); // our own container holds it
        String hint = "stop it, or give " + service + " another port";
        if (!published.isEmpty()) {
            String name = field(published.get(0), 0), owner = field(published.get(0), 1);
            return List.of(problem("port", "port " + port + " is published by container " + name
                    + (owner.isEmpty() ? "" : " (compose project " + owner + ")"), hint + " (docker stop " + name + ")"));
        }
        List<String> listeners = ProbeLines.values(output, "listen");
        if (listeners.isEmpty()) return List.of();
        return List.of(problem("port", "port " + port + " is in use by " + holder(listeners.get(0)), hint));
    }

    /** "nc (pid 123)" from an ss line; the raw line from lsof / netstat. */
    public static String holder(String listenLine) {
        Matcher m = SS_USER.matcher(listenLine);
        return m.find() ? m.group(1) + " (pid " + m.group(2) + ")" : listenLine.strip().replaceAll("\\s+", " ");
    }

    private static String field(String line, int i) {
        String[] f = line.strip().split("\\s+");
        return i < f.length ? f[i] : "";
    }

    private static String rest(String daemonLine) {
        if (daemonLine == null) return "no answer";
        String r = daemonLine.startsWith("down") ? daemonLine.substring(4).strip() : daemonLine;
        return r.isEmpty() ? "no answer" : r;
    }

    private PreflightProblem problem(String check, String message, String hint) {
        return new PreflightProblem(service, host, check, message, hint);
    }
}

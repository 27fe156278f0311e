package lib.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/**
 * docker_daemon_down: the docker CLI is there but the daemon does not answer (and not for lack of permission).
 * The problem carries how it will be started (details `start_command`: the host's docker_start_command; `init`:
 * systemd, service or none, what the host offers without one) and the hint names that exact command.
 */
public final class DockerDaemonDown implements Matcher {
    @Override public String fingerprint() { return "docker_daemon_down"; }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            String detail = Facts.str(o, "detail");
            if (!o.kind().equals("docker") || !Facts.str(o, "state").equals("down") || PermissionDenied.deniedText(detail)) continue;
            boolean typical = detail.contains("Cannot connect") || detail.contains("daemon running") || detail.contains("no such file");
            String configured = Facts.str(o, "start_command"), init = Facts.str(o, "init");
            Map<String, Object> details = new LinkedHashMap<>(Map.of("error", detail));
            if (!configured.isEmpty()) details.put("start_command", configured);
            if (!init.isEmpty()) details.put("init", init);
            out.add(Problems.from(fingerprint(), o, i, Problem.Severity.CRITICAL, typical ? 0.95 : 0.75,
                    "the docker daemon on " + o.host() + " does not answer: " + detail, hint(o.host(), configured, init), details));
        }
        return out;
    }

    /** Pure: the command the fix will use, in the order the docker_daemon_down pattern tries them. */
    static String hint(String host, String configured, String init) {
        String check = ", then check: docker info";
        if (!configured.isEmpty()) return "start it with the host's docker_start_command: " + configured + check;
        return switch (init) {
            case "systemd" -> "start it: systemctl start docker" + check;
            case "service" -> "start it: service docker start" + check;
            case "none" -> "start dockerd by hand (no systemd or init script on " + host + "), or set docker_start_command on host "
                    + host + " in the registry so the self-healing loop can start it" + check;
            default -> "start it: systemctl start docker (or the host's equivalent, or set docker_start_command on host " + host + ")" + check;
        };
    }
}

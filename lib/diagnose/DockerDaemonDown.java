package lib.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/** docker_daemon_down: the docker CLI is there but the daemon does not answer (and not for lack of permission). */
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
            out.add(Problems.from(fingerprint(), o, i, Problem.Severity.CRITICAL, typical ? 0.95 : 0.75,
                    "the docker daemon on " + o.host() + " does not answer: " + detail,
                    "start it: systemctl start docker (or the host's equivalent), then check: docker info",
                    Map.of("error", detail)));
        }
        return out;
    }
}

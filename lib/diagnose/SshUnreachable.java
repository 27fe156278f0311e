package lib.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.observe.Observation;

/** ssh_unreachable: the host did not answer (refused, timed out, no route, unknown name). Auth is permission_denied. */
public final class SshUnreachable implements Matcher {
    static final Set<String> NETWORK = Set.of("CONNECTION_REFUSED", "TIMEOUT", "NO_ROUTE", "DNS", "OTHER");

    @Override public String fingerprint() { return "ssh_unreachable"; }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            String kind = Facts.str(o, "kind");
            if (!o.kind().equals("ssh") || !Facts.isFalse(o, "reachable") || !NETWORK.contains(kind)) continue;
            String hint = Facts.str(o, "hint");
            out.add(Problems.from(fingerprint(), o, i, Problem.Severity.CRITICAL, kind.equals("OTHER") ? 0.7 : 1.0,
                    "host " + o.host() + " is unreachable over SSH (" + kind.toLowerCase().replace('_', ' ') + ")",
                    hint.isEmpty() ? "check the host is up and sshd runs: portoser remote exec " + o.host() + " -- true" : hint,
                    Map.of("kind", kind, "message", Facts.str(o, "message"))));
        }
        return out;
    }
}

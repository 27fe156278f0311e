package lib.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.observe.Observation;

/**
 * Observations that look wrong but that no fingerprint claimed: each becomes an `unmatched` problem carrying its
 * raw line, so a new shape of failure is shown to the user (and can become a pattern) instead of vanishing.
 */
final class Unmatched {
    private Unmatched() {}

    static List<Problem> of(List<Observation> obs, Set<Integer> claimed) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            String why = claimed.contains(i) ? null : looksWrong(o);
            if (why == null) continue;
            out.add(Problems.from(Problem.UNMATCHED, o, i, Problem.Severity.MEDIUM, 0.5, why + " — no known fingerprint matches",
                    "read the evidence; if it recurs, add patterns/<fingerprint>.java for it", Map.of("kind", o.kind())));
        }
        return out;
    }

    /** Why this observation looks wrong, or null when it looks fine. */
    static String looksWrong(Observation o) {
        return switch (o.kind()) {
            case "log" -> "failure output: " + firstLine(Facts.str(o, "text").isEmpty() ? Facts.line(o) : Facts.str(o, "text"));
            case "container" -> container(o);
            case "process" -> Facts.str(o, "event").equals("oom_killed") ? "the kernel OOM-killed the service's process" : null;
            case "docker" -> Facts.str(o, "state").equals("missing") ? "docker is not installed on " + o.host() : null;
            case "ssh" -> Facts.isFalse(o, "reachable") ? "SSH to " + o.host() + " failed: " + Facts.str(o, "message") : null;
            default -> null;
        };
    }

    private static String container(Observation o) {
        String state = Facts.str(o, "state"), name = Facts.str(o, "name");
        long code = Facts.num(o, "exit_code", 0);
        if (state.equals("exited") && code != 0) return "container " + name + " exited with code " + code;
        if (state.equals("restarting") || state.equals("dead")) return "container " + name + " is " + state;
        return null;
    }

    private static String firstLine(String s) { return s.strip().lines().findFirst().orElse(""); }
}

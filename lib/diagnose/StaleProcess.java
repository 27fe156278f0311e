package lib.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/**
 * stale_process: the service's PID file points at a process that is gone, a zombie, or (start time differs from
 * the one recorded at launch) another program that reused the PID — which must never be killed as the service.
 */
public final class StaleProcess implements Matcher {
    @Override public String fingerprint() { return "stale_process"; }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            String state = Facts.str(o, "state");
            if (!o.kind().equals("process") || !(state.equals("dead") || state.equals("zombie") || state.equals("reused"))) continue;
            long pid = Facts.num(o, "pid", 0);
            out.add(Problems.from(fingerprint(), o, i, Problem.Severity.MEDIUM, 0.95, summary(state, pid, Facts.str(o, "args")),
                    hint(state, Facts.str(o, "pid_file")),
                    Map.of("pid", pid, "state", state, "pid_file", Facts.str(o, "pid_file"), "command", Facts.str(o, "args"))));
        }
        return out;
    }

    private static String summary(String state, long pid, String args) {
        return switch (state) {
            case "zombie" -> "PID file points at " + pid + ", a zombie (exited, never reaped by its parent)";
            case "reused" -> "PID file points at " + pid + ", which now belongs to another program (" + args + ")";
            default -> pid <= 0 ? "PID file holds no PID" : "PID file points at " + pid + ", which is gone";
        };
    }

    private static String hint(String state, String pidFile) {
        return state.equals("reused")
                ? "remove " + pidFile + " (do not kill " + "that PID: it is not the service), then start the service"
                : "remove " + pidFile + " and start the service again";
    }
}

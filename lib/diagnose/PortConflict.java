package lib.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/**
 * port_conflict: something other than the service holds its port. The service's own process, one of its
 * children (same process group as the PID file's process) and docker-proxy for the service's own compose
 * containers are the service itself, never a conflict.
 */
public final class PortConflict implements Matcher {
    @Override public String fingerprint() { return "port_conflict"; }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            if (!o.kind().equals("port")) continue;
            Problem p = conflict(o, i);
            if (p != null) out.add(p);
        }
        return out;
    }

    private Problem conflict(Observation o, int i) {
        long port = Facts.num(o, "port", 0);
        Map<String, Object> c = foreignContainer(o);
        if (c != null) {
            return problem(o, i, port, "@@pub " + port + "|" + c.get("name") + "|" + c.get("project"),
                    "container " + c.get("name") + " (project " + blank(c.get("project")) + ")",
                    Map.of("port", port, "container", c.get("name"), "project", c.get("project")));
        }
        Map<String, Object> h = foreignHolder(o);
        if (h != null) {
            return problem(o, i, port, "@@holder " + port + "|" + h.get("pid") + "|" + h.get("pgid") + "|" + h.get("args"),
                    "pid " + h.get("pid") + " (" + h.get("args") + ")",
                    Map.of("port", port, "pid", h.get("pid"), "pgid", h.get("pgid"), "command", h.get("args")));
        }
        if (Facts.num(o, "listeners", 0) > 0 && Facts.list(o, "holders").isEmpty() && !o.facts().containsKey("own_pid")
                && Facts.list(o, "published").isEmpty()) {
            return new Problem(fingerprint(), o.service(), o.host(), Problem.Severity.HIGH, 0.6,
                    List.of(new Evidence(o.kind(), i, Facts.line(o))), "port " + port + " is held by a process this user cannot see",
                    "find it as root: ss -ltnp 'sport = :" + port + "'", Map.of("port", port));
        }
        return null;
    }

    private Problem problem(Observation o, int i, long port, String excerpt, String who, Map<String, Object> details) {
        return Problems.from(fingerprint(), o, i, Problem.Severity.HIGH, 0.95, excerpt,
                "port " + port + " is held by " + who + ", not by " + o.service(),
                "stop it if it is not needed (the port_conflict pattern asks first; --yes allows it), or give "
                        + o.service() + " another port in the registry", new LinkedHashMap<>(details));
    }

    /** A running container publishing the port that is not part of the service's compose project. */
    private static Map<String, Object> foreignContainer(Observation o) {
        String own = Facts.str(o, "own_project");
        for (Map<String, Object> c : Facts.list(o, "published")) {
            if (own.isEmpty() || !own.equals(String.valueOf(c.get("project")))) return c;
        }
        return null;
    }

    private static Map<String, Object> foreignHolder(Observation o) {
        long own = Facts.num(o, "own_pid", -1);
        boolean ownContainers = !Facts.list(o, "published").isEmpty();
        for (Map<String, Object> h : Facts.list(o, "holders")) {
            long pid = Facts.num(h.get("pid"), 0), pgid = Facts.num(h.get("pgid"), 0);
            if (own > 0 && (pid == own || pgid == own)) continue;
            // docker-proxy forwards to a published container; which container it serves was checked above.
            if (ownContainers && String.valueOf(h.get("args")).contains("docker-proxy")) continue;
            return h;
        }
        return null;
    }

    private static String blank(Object s) { return s == null || s.toString().isEmpty() ? "none" : s.toString(); }
}

package lib.deploy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a deploy will do, decided before anything runs: the selected services grouped into waves (a service's
 * wave is 1 + the highest wave of its selected dependencies) and the dependencies outside the selection,
 * which must already be healthy. Pure data: rendered as text and JSON, run by {@link Deployer}.
 */
public record Plan(String selection, List<Wave> waves, List<External> external) {
    /** One service on its host; {@code dependencies} are all of its registry dependencies. */
    public record Step(String service, String host, String type, List<String> dependencies) {
        public Step {
            dependencies = List.copyOf(dependencies);
        }
    }

    /** Services that may run at once: none depends on another in the same or a later wave. */
    public record Wave(int number, List<Step> steps) {
        public Wave {
            steps = List.copyOf(steps);
        }
    }

    /** A dependency that is not being deployed: preflight checks it is healthy. */
    public record External(String service, String host, List<String> neededBy) {
        public External {
            neededBy = List.copyOf(neededBy);
        }
    }

    public Plan {
        waves = List.copyOf(waves);
        external = List.copyOf(external);
    }

    /** Every step in wave order. */
    public List<Step> steps() {
        List<Step> all = new ArrayList<>();
        for (Wave w : waves) all.addAll(w.steps());
        return all;
    }

    public List<String> serviceNames() { return steps().stream().map(Step::service).toList(); }

    public String text() {
        StringBuilder sb = new StringBuilder("Plan: " + selection + " — " + steps().size() + " service"
                + (steps().size() == 1 ? "" : "s") + " in " + waves.size() + " wave" + (waves.size() == 1 ? "" : "s") + "\n");
        for (Wave w : waves) {
            sb.append("  wave ").append(w.number()).append(":\n");
            for (Step s : w.steps()) sb.append("    ").append(stepLine(s)).append('\n');
        }
        if (!external.isEmpty()) sb.append("  must already be healthy:\n");
        for (External e : external) {
            sb.append("    ").append(e.service()).append('@').append(e.host())
                    .append("  (needed by ").append(String.join(", ", e.neededBy())).append(")\n");
        }
        return sb.toString();
    }

    private static String stepLine(Step s) {
        String deps = s.dependencies().isEmpty() ? "" : "  after " + String.join(", ", s.dependencies());
        return s.service() + "@" + s.host() + "  (" + s.type() + ")" + deps;
    }

    /** The JSON shape of `deploy --dry-run --json`: selection, waves[{wave, services[…]}], external[…]. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("selection", selection);
        m.put("waves", waves.stream().map(w -> {
            Map<String, Object> wm = new LinkedHashMap<>();
            wm.put("wave", w.number());
            wm.put("services", w.steps());
            return wm;
        }).toList());
        m.put("must_be_healthy", external);
        return m;
    }
}

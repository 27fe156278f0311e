package lib.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/** dependency_not_ready: a declared dependency is not running, or fails its health check. */
public final class DependencyNotReady implements Matcher {
    @Override public String fingerprint() { return "dependency_not_ready"; }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            if (!o.kind().equals("dependency") || !Facts.isFalse(o, "ready")) continue;
            String name = Facts.str(o, "name"), state = Facts.str(o, "state");
            // "unknown": its host could not be asked, so the dependency may be fine; say so with less certainty.
            out.add(Problems.from(fingerprint(), o, i, Problem.Severity.HIGH, state.equals("unknown") ? 0.6 : 0.9,
                    "dependency " + name + " on " + Facts.str(o, "host") + " is not ready (" + state + ")",
                    "start or deploy it first: portoser deploy " + name + " (then: portoser status " + name + ")",
                    Map.of("dependency", name, "dependency_host", Facts.str(o, "host"), "state", state)));
        }
        return out;
    }
}

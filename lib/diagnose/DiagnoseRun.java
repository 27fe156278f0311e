package lib.diagnose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.deploy.DeployIds;
import lib.exec.Executor;
import lib.observe.Observation;
import lib.observe.ObservationLog;
import lib.observe.Observer;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * `portoser diagnose SERVICE` and GET /api/diagnostics/{service}: observe the service on its host once, keep the
 * observations (`observations/diagnose-<stamp>.jsonl`, where triage finds them later), and match them. Changes
 * nothing on any host. The matching itself is the pure {@link Diagnoser}.
 */
public record DiagnoseRun(String id, Service service, List<Observation> observations, Diagnosis diagnosis) {
    public DiagnoseRun {
        observations = List.copyOf(observations);
    }

    public static DiagnoseRun of(Registry registry, Service s, Executor executor, Duration timeout, Path portoserHome) {
        List<Observation> observations = new Observer(executor, timeout).observe(registry, s);
        String id = "diagnose-" + DeployIds.next().replaceFirst("^deploy-", "");
        new ObservationLog(portoserHome).append(id, observations);
        return new DiagnoseRun(id, s, observations, Diagnoser.diagnose(observations, s.name()));
    }

    /** The document `diagnose --json-output` prints: id, service, host, health_score, problems, observations. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("service", service.name());
        m.put("host", service.currentHost());
        m.put("health_score", diagnosis.healthScore());
        m.put("problems", diagnosis.problems());
        m.put("observations", observations);
        return m;
    }
}

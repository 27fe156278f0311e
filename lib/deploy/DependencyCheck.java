package lib.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import lib.exec.Executor;
import lib.registry.DeploymentType;
import lib.registry.Registry;
import lib.registry.Service;
import lib.status.StatusReport.Health;

/** `dependencies check`: is every dependency of the named services (or of all) healthy right now? */
public final class DependencyCheck {
    private DependencyCheck() {}

    /** One row per dependency (each checked once, in parallel across hosts): needed_by, healthy, detail. */
    public static List<Map<String, Object>> run(Registry r, Collection<String> names, Executor executor,
                                                Function<DeploymentType, Runner> runners) {
        Map<String, List<String>> neededBy = new LinkedHashMap<>();
        for (String[] e : DependencyGraph.edges(r, names)) neededBy.computeIfAbsent(e[1], k -> new ArrayList<>()).add(e[0]);
        HealthBarrier barrier = new HealthBarrier();
        List<Map<String, Object>> rows = neededBy.entrySet().parallelStream().map(e -> {
            Service dep = r.services().get(e.getKey());
            Health h = check(r, dep, executor, runners, barrier);
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("dependency", dep.name());
            row.put("host", dep.currentHost());
            row.put("needed_by", e.getValue());
            row.put("healthy", Boolean.TRUE.equals(h.ok()));
            row.put("detail", h.kind() + ": " + h.detail());
            return row;
        }).toList();
        return rows;
    }

    private static Health check(Registry r, Service dep, Executor executor, Function<DeploymentType, Runner> runners, HealthBarrier barrier) {
        try {
            DeployTarget t = DeployTarget.of(r, dep, r.hosts().get(dep.currentHost()), executor, DeployListener.NONE);
            return barrier.checkOnce(t, runners.apply(dep.deploymentType()));
        } catch (RuntimeException e) {
            return new Health("check", dep.name(), false, ServiceRun.message(e));
        }
    }
}

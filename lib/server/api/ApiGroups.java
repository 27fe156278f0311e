package lib.server.api;

import java.util.List;
import lib.server.ApiGroup;

/** Every API group the server serves, in the order GET /api/ lists them. Add a group here when you add its file. */
public final class ApiGroups {
    private ApiGroups() {}

    public static List<ApiGroup> all() {
        return List.of(new IndexApi(),
                new MachinesApi(), new ServicesApi(), new StatusApi(), new HealthApi(), new KnowledgeApi(),
                new DependenciesApi(), new HistoryApi(), new ConfigApi(), new DiagnosticsApi(), new DeploymentApi(),
                new MetricsApi(), new UptimeApi());
    }
}

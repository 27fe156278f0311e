package lib.status;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.Set;
import lib.exec.ExecException;
import lib.exec.Executor;
import lib.exec.Result;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;
import lib.status.StatusReport.Health;
import lib.status.StatusReport.HostStatus;
import lib.status.StatusReport.ServiceStatus;

/** Queries every host once, in parallel over pooled connections, then runs health checks in parallel. */
public final class StatusCollector {
    private final Executor executor;
    private final HealthProbe health;
    private final Duration probeTimeout;

    public StatusCollector(Executor executor, Duration probeTimeout) {
        this.executor = executor;
        this.probeTimeout = probeTimeout;
        this.health = new HealthProbe(Duration.ofSeconds(3));
    }

    /**
     * Status of the selected hosts and services. With service names given, only their hosts are probed;
     * with host names given, only those hosts and their services. Empty sets mean everything.
     */
    public StatusReport collect(Registry registry, Set<String> serviceNames, Set<String> hostNames) {
        List<Service> selected = registry.services().values().stream()
                .filter(s -> serviceNames.isEmpty() || serviceNames.contains(s.name()))
                .filter(s -> hostNames.isEmpty() || hostNames.contains(s.currentHost())).toList();
        List<Host> hosts = registry.hosts().values().stream()
                .filter(h -> hostNames.isEmpty() || hostNames.contains(h.name()))
                .filter(h -> serviceNames.isEmpty() || selected.stream().anyMatch(s -> s.currentHost().equals(h.name())))
                .toList();
        Map<Host, Executor.Outcome<Probed>> probed = executor.fanOut(hosts, h -> probe(h, servicesOn(selected, h)));
        List<HostStatus> hostStatuses = new ArrayList<>();
        Map<String, CompletableFuture<ServiceStatus>> futures = new LinkedHashMap<>();
        for (var e : probed.entrySet()) {
            Host h = e.getKey();
            hostStatuses.add(hostStatus(h, e.getValue()));
            for (Service s : servicesOn(selected, h)) futures.put(s.name(), serviceStatus(s, h, e.getValue()));
        }
        List<ServiceStatus> services = selected.stream().map(s -> futures.get(s.name()).join()).toList();
        return new StatusReport(registry.file().toString(), hostStatuses, services);
    }

    private record Probed(HostProbe probe, long millis) {}

    private Probed probe(Host h, List<Service> services) {
        Result r = executor.run(h, ProbeScript.build(h, services), probeTimeout, lib.exec.LineSink.NONE);
        if (r.timedOut()) throw new ExecException(h.name(), ExecException.Kind.TIMEOUT, "status probe timed out after "
                + probeTimeout.toSeconds() + "s", "is the host overloaded? try: portoser remote exec " + h.name() + " -- uptime");
        return new Probed(ProbeParser.parse(r.stdout()), r.duration().toMillis());
    }

    private HostStatus hostStatus(Host h, Executor.Outcome<Probed> o) {
        boolean local = executor.isLocal(h);
        if (!o.ok()) {
            String hint = o.error() instanceof lib.cli.PortoserException pe ? pe.hint() : null;
            String msg = o.error().getMessage();
            String prefix = h.name() + ": ";
            return new HostStatus(h.name(), h.ip(), local, false, null, null, null,
                    msg != null && msg.startsWith(prefix) ? msg.substring(prefix.length()) : msg, hint);
        }
        HostProbe p = o.value().probe();
        return new HostStatus(h.name(), h.ip(), local, true, o.value().millis(), p.load(), p.cpus(), null, null);
    }

    private CompletableFuture<ServiceStatus> serviceStatus(Service s, Host h, Executor.Outcome<Probed> o) {
        if (!o.ok()) return CompletableFuture.completedFuture(ServiceState.unknown(s, "host " + h.name() + " unreachable"));
        HostProbe p = o.value().probe();
        // A service that is not running is not health-checked: its state already says what is wrong.
        if (Boolean.FALSE.equals(ServiceState.running(s, p.services().getOrDefault(s.name(), HostProbe.ServiceProbe.empty())))) {
            return CompletableFuture.completedFuture(ServiceState.of(s, p, null));
        }
        return CompletableFuture.supplyAsync(() -> ServiceState.of(s, p, healthOf(s, h, p)));
    }

    /** URL and TCP checks run from here; a command check already ran on the host inside the probe. */
    private Health healthOf(Service s, Host h, HostProbe p) {
        if (s.healthcheck() != null && s.healthcheck().cmd() != null) {
            Integer exit = p.services().getOrDefault(s.name(), HostProbe.ServiceProbe.empty()).healthExit();
            return new Health("cmd", s.healthcheck().cmd(), exit == null ? null : exit == 0, exit == null ? "not run" : "exit " + exit);
        }
        return health.check(s, h);
    }

    private static List<Service> servicesOn(List<Service> services, Host h) {
        return services.stream().filter(s -> s.currentHost().equals(h.name())).toList();
    }
}

package lib.deploy.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.deploy.state.Deployed;
import lib.deploy.state.State;
import lib.exec.Executor;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;
import lib.status.StatusCollector;
import lib.status.StatusReport;

/**
 * `refresh`: the state rebuilt from what actually runs. Every host is asked about every service (a service may
 * run somewhere the registry no longer says), with the same one-round-trip probe `status` uses. A service found
 * on several hosts is placed where the registry says, if it runs there; the others are reported.
 */
public final class Refresh {
    /** The new state, plus the services found running on more than one host, and hosts that could not be asked. */
    public record Result(State state, Map<String, List<String>> duplicates, List<String> unreachable) {}

    private final Executor executor;
    private final Duration timeout;

    public Refresh(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    public Result scan(Registry registry, State before) {
        Map<String, List<String>> runningOn = new LinkedHashMap<>();
        List<String> unreachable = new ArrayList<>();
        for (Host h : registry.hosts().values()) probeHost(registry, h, runningOn, unreachable);
        return decide(registry, before, runningOn, unreachable);
    }

    /** Pure: from where each service runs to the new state. Unreachable hosts keep what the state had on them. */
    static Result decide(Registry registry, State before, Map<String, List<String>> runningOn, List<String> unreachable) {
        Map<String, Deployed> out = new LinkedHashMap<>();
        Map<String, List<String>> duplicates = new LinkedHashMap<>();
        before.deployed().forEach((svc, d) -> { if (unreachable.contains(d.host())) out.put(svc, d); });
        runningOn.forEach((svc, hosts) -> {
            String preferred = registry.service(svc).map(Service::currentHost).filter(hosts::contains).orElse(hosts.get(0));
            if (hosts.size() > 1) duplicates.put(svc, hosts);
            Deployed prior = before.deployed().get(svc);
            out.put(svc, prior != null && prior.host().equals(preferred) ? prior : new Deployed(preferred, Map.of(), Instant.now().toString(), null));
        });
        return new Result(new State(out), duplicates, unreachable);
    }

    private void probeHost(Registry registry, Host h, Map<String, List<String>> runningOn, List<String> unreachable) {
        List<Service> here = registry.services().values().stream().map(s -> Rehome.onHost(s, h.name())).toList();
        if (here.isEmpty()) return;
        StatusReport r = new StatusCollector(executor, timeout).collect(Rehome.with(registry, here, Map.of()), Set.of(), Set.of(h.name()));
        if (r.hosts().stream().anyMatch(x -> !x.reachable())) {
            unreachable.add(h.name());
            return;
        }
        for (StatusReport.ServiceStatus s : r.services()) {
            if (Boolean.TRUE.equals(s.running())) runningOn.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(h.name());
        }
    }
}

package lib.observe;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.deploy.ServiceDirs;
import lib.deploy.docker.BindMounts;
import lib.deploy.docker.DockerCommands;
import lib.deploy.local.LocalSpec;
import lib.exec.ExecException;
import lib.exec.Executor;
import lib.exec.LineSink;
import lib.exec.Result;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;
import lib.status.StatusCollector;
import lib.status.StatusReport;

/**
 * Collects the observations of one service: one round trip to its host ({@link ObserveScript}), then the state
 * and health of each declared dependency (one `status` probe of their hosts). Reads only; changes nothing.
 * A host that cannot be reached becomes an `ssh` observation, never an exception.
 */
public final class Observer {
    private final Executor executor;
    private final Duration timeout;

    public Observer(Executor executor, Duration timeout) {
        this.executor = executor;
        this.timeout = timeout;
    }

    public List<Observation> observe(Registry registry, Service service) {
        Host host = registry.hosts().get(service.currentHost());
        List<Observation> out = new ArrayList<>(onHost(target(registry, service, host), host));
        out.addAll(dependencies(registry, service));
        return List.copyOf(out);
    }

    /** The script's facts, preceded by an `ssh` observation saying whether (and how fast) the host answered. */
    List<Observation> onHost(ObserveTarget t, Host host) {
        String ts = Instant.now().toString();
        try {
            Result r = executor.run(host, ObserveScript.build(t), timeout, LineSink.NONE);
            if (r.timedOut()) return List.of(ssh(t, ts, Map.of("reachable", false, "kind", "TIMEOUT",
                    "message", "the observe script timed out after " + timeout.toSeconds() + "s", "line", "timed out")));
            List<Observation> out = new ArrayList<>();
            out.add(ssh(t, ts, Map.of("reachable", true, "millis", r.duration().toMillis(), "line", "connected as " + host.sshUser())));
            out.addAll(ObserveParser.parse(t, r.stdout(), ts));
            return out;
        } catch (ExecException e) {
            return List.of(ssh(t, ts, Map.of("reachable", false, "kind", e.kind().name(), "message", e.getMessage(),
                    "hint", e.hint() == null ? "" : e.hint(), "line", e.getMessage())));
        }
    }

    private static Observation ssh(ObserveTarget t, String ts, Map<String, Object> facts) {
        return new Observation(ts, t.host(), null, "ssh", facts);
    }

    /** Reuses `status`: the same running/health rules decide whether a dependency is ready. */
    List<Observation> dependencies(Registry registry, Service service) {
        Set<String> deps = new LinkedHashSet<>(service.dependencies());
        deps.retainAll(registry.services().keySet());
        if (deps.isEmpty()) return List.of();
        String ts = Instant.now().toString();
        StatusReport report = new StatusCollector(executor, timeout).collect(registry, deps, Set.of());
        return report.services().stream().map(s -> Dependencies.observation(service, s, ts)).toList();
    }

    /** Failure output (a failed deploy step, a health log) as a `log` observation: diagnose quotes it as evidence. */
    public static Observation log(String host, String service, String source, String text) {
        String first = text.strip().lines().findFirst().orElse("");
        return new Observation(Instant.now().toString(), host, service, "log", Map.of("source", source, "text", text, "line", first));
    }

    public static ObserveTarget target(Registry registry, Service s, Host host) {
        String dir = ServiceDirs.remoteDir(host, s);
        String pid = ServiceDirs.runtimeDir(host) + "/run/" + s.name() + ".pid";
        return new ObserveTarget(host.name(), s.name(), s.deploymentType(), host.path(), dir, pid,
                LocalSpec.metaFileFor(pid), s.port(), DockerCommands.project(s.name()), bindSources(registry, s, dir), host.dockerStartCommand());
    }

    /** Sources outside the service dir must exist and be readable; an unreadable compose file yields none. */
    private static List<String> bindSources(Registry registry, Service s, String dir) {
        if (s.dockerCompose() == null) return List.of();
        try {
            return BindMounts.outside(BindMounts.parse(Files.readString(ServiceDirs.localFile(registry, s))), dir);
        } catch (IOException | IllegalArgumentException e) {
            return List.of();
        }
    }
}

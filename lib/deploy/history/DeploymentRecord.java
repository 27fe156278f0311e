package lib.deploy.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import lib.deploy.PhaseResult;

/**
 * One deploy run as stored in `$PORTOSER_HOME/deployments/<id>.json`: who ran it where, what it touched, the
 * registry text it ran from (so it can be redeployed), each service's phases with durations, the image ids that
 * came up, and how it ended. {@code result} is running, success, failed, abandoned or interrupted.
 */
public record DeploymentRecord(String id, String kind, String who, String controlHost, long pid, String pidStarted,
                               String startedAt, String finishedAt, Long durationMs, String result, String error,
                               List<String> services, List<String> hosts, String registryFile, String registrySnapshot,
                               List<ServiceEntry> outcomes, String rollbackOf) {
    public static final String RUNNING = "running", SUCCESS = "success", FAILED = "failed", ABANDONED = "abandoned",
            INTERRUPTED = "interrupted";

    /**
     * One service's turn: what was done (deploy, start, stop, …), how each phase went, the images that came up,
     * and for a deploy the definition files it deployed ({@link ServiceFiles}: name → text; empty in records
     * written before files were kept).
     */
    public record ServiceEntry(String service, String host, String action, String result, List<PhaseResult> phases,
                               Map<String, String> images, String error, Map<String, String> files) {
        public ServiceEntry {
            phases = phases == null ? List.of() : List.copyOf(phases);
            images = images == null ? Map.of() : new LinkedHashMap<>(images);
            files = files == null ? Map.of() : new LinkedHashMap<>(files);
        }
    }

    public DeploymentRecord {
        services = services == null ? List.of() : List.copyOf(services);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
        outcomes = outcomes == null ? List.of() : List.copyOf(outcomes);
    }

    public boolean running() { return RUNNING.equals(result); }

    /** The images each service ended with in this run: service → container → image id (last deploy of it wins). */
    public Map<String, Map<String, String>> images() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (ServiceEntry e : outcomes) if (!e.images().isEmpty()) out.put(e.service(), e.images());
        return out;
    }

    /** The definition files each service was deployed from in this run (last successful deploy of it wins). */
    public Map<String, Map<String, String>> files() {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        for (ServiceEntry e : outcomes) {
            if ("deployed".equals(e.result()) && "deploy".equals(e.action()) && !e.files().isEmpty()) out.put(e.service(), e.files());
        }
        return out;
    }

    /** Where each service was deployed in this run (successful deploy-like turns only; stops are not placements). */
    public Map<String, String> placements() {
        Map<String, String> out = new LinkedHashMap<>();
        for (ServiceEntry e : outcomes) {
            if ("deployed".equals(e.result()) && !"stop".equals(e.action())) out.put(e.service(), e.host());
        }
        return out;
    }

    public DeploymentRecord withOutcome(ServiceEntry e) {
        List<ServiceEntry> o = new ArrayList<>(outcomes);
        o.add(e);
        return new DeploymentRecord(id, kind, who, controlHost, pid, pidStarted, startedAt, finishedAt, durationMs, result,
                error, union(services, List.of(e.service())), union(hosts, List.of(e.host())), registryFile, registrySnapshot, o, rollbackOf);
    }

    public DeploymentRecord withTargets(List<String> moreServices, List<String> moreHosts) {
        return new DeploymentRecord(id, kind, who, controlHost, pid, pidStarted, startedAt, finishedAt, durationMs, result,
                error, union(services, moreServices), union(hosts, moreHosts), registryFile, registrySnapshot, outcomes, rollbackOf);
    }

    public DeploymentRecord ended(String newResult, String newError, String at, long ms) {
        return new DeploymentRecord(id, kind, who, controlHost, pid, pidStarted, startedAt, at, ms, newResult, newError,
                services, hosts, registryFile, registrySnapshot, outcomes, rollbackOf);
    }

    private static List<String> union(List<String> a, List<String> b) {
        LinkedHashSet<String> s = new LinkedHashSet<>(a);
        s.addAll(b);
        return List.copyOf(s);
    }
}

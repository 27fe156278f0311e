package lib.diagnose;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import lib.observe.Observation;

/**
 * Pure: matches a run's observations against every fingerprint, then turns what looks wrong but was not
 * claimed into `unmatched` problems, and scores the result. Problems come most severe first.
 */
public final class Diagnoser {
    public static final List<Matcher> MATCHERS = List.of(new SshUnreachable(), new DockerDaemonDown(), new DiskExhausted(),
            new PortConflict(), new StaleProcess(), new PermissionDenied(), new DependencyNotReady());

    private Diagnoser() {}

    public static Diagnosis diagnose(List<Observation> observations) {
        return diagnose(observations, serviceOf(observations));
    }

    /** As {@link #diagnose(List)}, naming the service when no observation does (an unreachable host gives only `ssh`). */
    public static Diagnosis diagnose(List<Observation> observations, String service) {
        List<Problem> found = new ArrayList<>();
        for (Matcher m : MATCHERS) found.addAll(m.match(observations));
        Set<Integer> claimed = new HashSet<>();
        for (Problem p : found) p.evidence().forEach(e -> claimed.add(e.observation()));
        found.addAll(Unmatched.of(observations, claimed));
        List<Problem> out = found.stream().map(p -> withService(p, service))
                .sorted((a, b) -> a.severity().compareTo(b.severity())).toList();
        return new Diagnosis(out, HealthScore.of(out));
    }

    /** Host-wide facts (ssh, disk) carry no service; the problem is still about the service being diagnosed. */
    private static Problem withService(Problem p, String service) {
        if (p.service() != null || service == null) return p;
        return new Problem(p.fingerprint(), service, p.host(), p.severity(), p.confidence(), p.evidence(), p.summary(), p.hint(), p.details());
    }

    private static String serviceOf(List<Observation> obs) {
        return obs.stream().map(Observation::service).filter(s -> s != null).findFirst().orElse(null);
    }
}

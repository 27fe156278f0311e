package knowledge;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import lib.diagnose.Evidence;
import lib.diagnose.Problem;
import lib.knowledge.KnowledgeDir;
import lib.solve.Action;
import lib.solve.Outcome;
import lib.standardize.Learner;

/** Problems, outcomes and learners with a fixed clock, for the knowledge-base tests. */
public final class Fixtures {
    private Fixtures() {}

    public static Problem problem(String fingerprint, String service, String host) {
        return new Problem(fingerprint, service, host, Problem.Severity.HIGH, 0.9,
                List.of(new Evidence("port", 0, "0.0.0.0:8080 held by pid 4242 (nc -l 8080)")),
                fingerprint + " on " + service, "stop the holder", Map.of("port", 8080, "pid", 4242));
    }

    public static Outcome fixed(String... steps) {
        return Outcome.fixed(java.util.Arrays.stream(steps).map(s -> Action.planned(s, "cmd " + s, false).ran()).toList(), "fixed");
    }

    public static Learner learner(java.nio.file.Path home, String at) {
        return new Learner(new KnowledgeDir(home.resolve("knowledge")), Clock.fixed(Instant.parse(at), ZoneOffset.UTC));
    }
}

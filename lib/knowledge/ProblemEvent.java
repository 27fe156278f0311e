package lib.knowledge;

import lib.diagnose.Problem;
import lib.solve.Outcome;

/** The full record of one resolution attempt, kept in `patterns_history/<ts>-<fingerprint>-<service>.json`. */
public record ProblemEvent(String ts, String deployId, String fingerprint, String service, String host, boolean resolved,
                           Problem problem, Outcome outcome) {}

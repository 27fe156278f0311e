package lib.diagnose;

import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/** Builds a problem from the one observation that proved it, quoting that observation's line as evidence. */
final class Problems {
    private Problems() {}

    static Problem from(String fingerprint, Observation o, int index, Problem.Severity severity, double confidence,
                        String excerpt, String summary, String hint, Map<String, Object> details) {
        return new Problem(fingerprint, o.service(), o.host(), severity, confidence,
                List.of(new Evidence(o.kind(), index, excerpt)), summary, hint, details);
    }

    static Problem from(String fingerprint, Observation o, int index, Problem.Severity severity, double confidence,
                        String summary, String hint, Map<String, Object> details) {
        return from(fingerprint, o, index, severity, confidence, Facts.line(o), summary, hint, details);
    }
}

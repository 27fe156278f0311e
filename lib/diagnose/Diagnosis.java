package lib.diagnose;

import java.util.List;

/** The problems found in one run's observations and the health score they leave (see {@link HealthScore}). */
public record Diagnosis(List<Problem> problems, int healthScore) {
    public Diagnosis {
        problems = List.copyOf(problems);
    }

    public boolean healthy() { return problems.isEmpty(); }

    public List<Problem> matched() { return problems.stream().filter(p -> !p.fingerprint().equals(Problem.UNMATCHED)).toList(); }

    public List<Problem> unmatched() { return problems.stream().filter(p -> p.fingerprint().equals(Problem.UNMATCHED)).toList(); }
}

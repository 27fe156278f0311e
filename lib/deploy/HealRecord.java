package lib.deploy;

import java.util.List;

/**
 * One round of the self-healing loop for one service: the step that failed (preflight, up, start, restart, health),
 * the problems diagnosed from the observations (each with the evidence line that proved it), what the solver did
 * about each, and how the round ended: {@code retried} (a fix was applied and the step ran again), {@code healed}
 * (the retried step then succeeded), {@code not_healed} (it failed again), {@code stopped} (nothing could be fixed,
 * e.g. a destructive fix without --yes, an open circuit breaker, no pattern) or {@code diagnosed} (--no-auto-heal).
 */
public record HealRecord(String step, String failure, List<Found> problems, List<Fix> actions, String result, String reason) {
    public HealRecord {
        problems = problems == null ? List.of() : List.copyOf(problems);
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    /** A diagnosed problem as the deploy reports it. */
    public record Found(String fingerprint, String severity, double confidence, String summary, List<String> evidence, String hint) {
        public Found {
            evidence = evidence == null ? List.of() : List.copyOf(evidence);
        }
    }

    /** What the solver did for one problem: its outcome status, message, whether a recorded playbook led, and the steps. */
    public record Fix(String fingerprint, String status, String message, boolean playbook, List<Step> steps) {
        public Fix {
            steps = steps == null ? List.of() : List.copyOf(steps);
        }
    }

    /** One action of a fix: done = it ran (a planned, refused or dry-run action is not done). */
    public record Step(String description, String command, boolean destructive, boolean done) {}
}

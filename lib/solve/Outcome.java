package lib.solve;

import java.util.List;

/**
 * What a pattern did: fixed (retry the deploy step now), retry (wait, then retry), gave up, or needs confirmation.
 * REFUSED is the solver's, never a pattern's: no pattern ran (unmatched problem, no pattern, circuit breaker open,
 * the run's attempts used up); the message says which and why, and nothing was changed or counted.
 */
public record Outcome(Status status, List<Action> actions, String message) {
    public enum Status { FIXED, RETRY, GAVE_UP, NEEDS_CONFIRMATION, REFUSED }

    public Outcome {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public static Outcome fixed(List<Action> actions, String message) { return new Outcome(Status.FIXED, actions, message); }

    public static Outcome retry(List<Action> actions, String message) { return new Outcome(Status.RETRY, actions, message); }

    public static Outcome gaveUp(List<Action> actions, String message) { return new Outcome(Status.GAVE_UP, actions, message); }

    /** The solver would not run a pattern for this problem (see {@link Solver#refusal}). */
    public static Outcome refused(String message) { return new Outcome(Status.REFUSED, List.of(), message); }

    public static Outcome needsConfirmation(List<Action> actions, String message) {
        return new Outcome(Status.NEEDS_CONFIRMATION, actions, message);
    }
}

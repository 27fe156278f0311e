package lib.solve;

import java.util.List;

/** What a pattern did: fixed (retry the deploy step now), retry (wait, then retry), gave up, or needs confirmation. */
public record Outcome(Status status, List<Action> actions, String message) {
    public enum Status { FIXED, RETRY, GAVE_UP, NEEDS_CONFIRMATION }

    public Outcome {
        actions = actions == null ? List.of() : List.copyOf(actions);
    }

    public static Outcome fixed(List<Action> actions, String message) { return new Outcome(Status.FIXED, actions, message); }

    public static Outcome retry(List<Action> actions, String message) { return new Outcome(Status.RETRY, actions, message); }

    public static Outcome gaveUp(List<Action> actions, String message) { return new Outcome(Status.GAVE_UP, actions, message); }

    public static Outcome needsConfirmation(List<Action> actions, String message) {
        return new Outcome(Status.NEEDS_CONFIRMATION, actions, message);
    }
}

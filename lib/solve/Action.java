package lib.solve;

/** One step a pattern takes or would take: what, the exact command (if any), whether it destroys something, and whether it ran. */
public record Action(String description, String command, boolean destructive, boolean done) {
    public static Action planned(String description, String command, boolean destructive) {
        return new Action(description, command, destructive, false);
    }

    public Action ran() { return new Action(description, command, destructive, true); }
}

package lib.deploy;

/** Something that must be fixed before a deploy may change anything, with the hint that fixes it. */
public record PreflightProblem(String service, String host, String check, String message, String hint) {
    public String format() { return service + "@" + host + ": " + check + ": " + message + (hint == null ? "" : " (" + hint + ")"); }
}

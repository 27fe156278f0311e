package lib.registry;

/** One problem in a registry file, positioned at its line and column (1-based). */
public record RegistryError(String file, int line, int column, String field, String message, String hint) {
    /** `FILE:LINE:COL: field: message (hint)` — the one format every command prints. */
    public String format() {
        StringBuilder sb = new StringBuilder().append(file).append(':').append(line).append(':').append(column).append(": ");
        if (field != null && !field.isEmpty()) sb.append(field).append(": ");
        sb.append(message);
        if (hint != null && !hint.isEmpty()) sb.append(" (").append(hint).append(')');
        return sb.toString();
    }
}

package lib.server;

import java.util.Locale;

/** What a token may do. Each scope includes the ones before it: admin ⊃ deploy ⊃ read. */
public enum Scope {
    READ, DEPLOY, ADMIN;

    public boolean includes(Scope needed) { return ordinal() >= needed.ordinal(); }

    public String wire() { return name().toLowerCase(Locale.ROOT); }

    /** Parses read|deploy|admin; anything else is an IllegalArgumentException naming the choices. */
    public static Scope parse(String s) {
        for (Scope v : values()) if (v.wire().equalsIgnoreCase(s == null ? "" : s.strip())) return v;
        throw new IllegalArgumentException("unknown scope '" + s + "' (choose read, deploy or admin)");
    }
}

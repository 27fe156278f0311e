package lib.server.api;

import lib.server.ApiError;
import lib.server.Request;

/** Query parameters the read routes share, checked with a 400 naming the parameter. */
final class Queries {
    private Queries() {}

    /** ?limit=N: 1..max, {@code fallback} when absent. */
    static int limit(Request r, int fallback, int max) {
        String raw = r.query("limit", null);
        if (raw == null || raw.isEmpty()) return fallback;
        try {
            int n = Integer.parseInt(raw.strip());
            if (n >= 1 && n <= max) return n;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ApiError.badField("limit", "limit must be a whole number from 1 to " + max + ", got '" + raw + "'");
    }

    /** A required query parameter. */
    static String required(Request r, String name) {
        String v = r.query(name, null);
        if (v == null || v.isBlank()) throw ApiError.badField(name, "missing query parameter '" + name + "'");
        return v;
    }
}

package lib.solve;

import lib.diagnose.Problem;

/** Typed reads of {@link Problem#details()}: diagnose writes JSON-ish values (numbers may arrive as strings). */
public final class Details {
    private Details() {}

    public static String str(Problem p, String key) {
        Object v = p.details().get(key);
        return v == null || v.toString().isBlank() ? null : v.toString().strip();
    }

    public static Integer integer(Problem p, String key) {
        String s = str(p, key);
        try {
            return s == null ? null : Integer.valueOf(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public static long millis(Problem p, String key, long fallback) {
        String s = str(p, key);
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}

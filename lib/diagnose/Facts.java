package lib.diagnose;

import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/** Typed reads of observation facts, tolerant of JSON round trips (numbers may come back as Integer or Long). */
final class Facts {
    private Facts() {}

    static String str(Observation o, String key) {
        Object v = o.facts().get(key);
        return v == null ? "" : v.toString();
    }

    static long num(Observation o, String key, long fallback) { return num(o.facts().get(key), fallback); }

    static long num(Object v, long fallback) {
        if (v instanceof Number n) return n.longValue();
        try {
            return v == null ? fallback : Long.parseLong(v.toString());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    static boolean isTrue(Observation o, String key) { return Boolean.TRUE.equals(o.facts().get(key)) || "true".equals(str(o, key)); }

    static boolean isFalse(Observation o, String key) { return Boolean.FALSE.equals(o.facts().get(key)) || "false".equals(str(o, key)); }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> list(Observation o, String key) {
        return o.facts().get(key) instanceof List<?> l ? (List<Map<String, Object>>) l : List.of();
    }

    /** The raw line the observation came from: what a problem quotes as its evidence. */
    static String line(Observation o) {
        String l = str(o, "line");
        return l.isEmpty() ? o.kind() + " " + o.facts() : l;
    }
}

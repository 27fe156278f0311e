package lib.registry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * One `key=value` from `portoser registry update SVC key=value…`, parsed to the value it writes.
 * Lists are `a,b` or `[a,b]`; `healthcheck.tcp=8080` and `healthcheck.cmd=…` set the `healthcheck`
 * mapping; an empty value removes the field.
 */
public record ServiceUpdate(String key, String field, Object value) {
    static final List<String> TEXT = List.of("current_host", "deployment_type", "docker_compose", "service_file",
            "healthcheck_url", "healthcheck_interval", "description");
    static final List<String> NUMBERS = List.of("port", "healthcheck_retries", "healthcheck.tcp");
    static final List<String> LISTS = List.of("dependencies", "tags");
    static final List<String> HEALTHCHECK = List.of("healthcheck.tcp", "healthcheck.cmd");

    /** Every key `update` accepts, in the order the registry documents them. */
    public static List<String> keys() {
        List<String> all = new ArrayList<>(TEXT.subList(0, 4));
        all.add("port");
        all.add("healthcheck_url");
        all.addAll(HEALTHCHECK);
        all.addAll(List.of("healthcheck_interval", "healthcheck_retries", "dependencies", "tags", "description"));
        return all;
    }

    public static ServiceUpdate parse(String assignment) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) throw new EditException("expected key=value, got '" + assignment + "'", "e.g. port=8080 or tags=a,b");
        String key = assignment.substring(0, eq).trim();
        String raw = assignment.substring(eq + 1).trim();
        requireKey(key);
        return new ServiceUpdate(key, fieldOf(key), raw.isEmpty() ? null : value(key, raw));
    }

    /**
     * The same update from a value that is already typed (the API's JSON body): a whole number for port,
     * healthcheck_retries and healthcheck.tcp, a list of names for dependencies and tags, text otherwise.
     * null or "" removes the field, as an empty value does on the command line.
     */
    public static ServiceUpdate of(String key, Object value) {
        requireKey(key);
        if (value == null || "".equals(value)) return new ServiceUpdate(key, fieldOf(key), null);
        Object v = typed(key, value);
        return new ServiceUpdate(key, fieldOf(key), HEALTHCHECK.contains(key) ? Map.of(key.substring("healthcheck.".length()), v) : v);
    }

    private static void requireKey(String key) {
        if (!keys().contains(key)) {
            String dym = Suggest.didYouMean(key, keys());
            throw new EditException("unknown field '" + key + "'", dym != null ? dym : "fields are: " + String.join(", ", keys()));
        }
    }

    private static String fieldOf(String key) { return HEALTHCHECK.contains(key) ? "healthcheck" : key; }

    private static Object typed(String key, Object value) {
        if (LISTS.contains(key)) {
            if (value instanceof List<?> l && l.stream().allMatch(x -> x instanceof String)) return List.copyOf(l);
            throw new EditException(key + ": expected a list of names, got " + value);
        }
        if (NUMBERS.contains(key)) {
            if (value instanceof Integer i && i >= 0) return i;
            throw new EditException(key + ": expected a whole number, got " + value);
        }
        if (value instanceof String s) return s;
        throw new EditException(key + ": expected text, got " + value);
    }

    private static Object value(String key, String raw) {
        Object v = LISTS.contains(key) ? list(raw) : NUMBERS.contains(key) ? number(key, raw) : raw;
        return HEALTHCHECK.contains(key) ? Map.of(key.substring("healthcheck.".length()), v) : v;
    }

    /** `a,b`, `[a, b]` or `[]`. */
    public static List<String> list(String raw) {
        String inner = raw.startsWith("[") && raw.endsWith("]") ? raw.substring(1, raw.length() - 1) : raw;
        return Arrays.stream(inner.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static Integer number(String key, String raw) {
        if (!raw.matches("\\d{1,9}")) throw new EditException(key + ": expected a whole number, got '" + raw + "'");
        return Integer.valueOf(raw);
    }

    /** The text with this update applied to the service. */
    public String applyTo(String text, String service) {
        return value == null ? RegistryEdits.removeServiceField(text, service, field)
                : RegistryEdits.setServiceField(text, service, field, value);
    }

    /** How the change reads in a confirmation: `port=9090`, `tags=[a, b]`, `description removed`. */
    public String describe() {
        return value == null ? field + " removed" : field + "=" + YamlValues.render(value);
    }
}

package lib.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Typed reads from a YAML node tree that never throw: each problem is recorded with the
 * node's position and the dotted field path, and the read returns null so checking goes on.
 */
public final class NodeReader {
    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)?");

    private final String file;
    private final Map<String, String> env;
    private final List<RegistryError> errors = new ArrayList<>();

    public NodeReader(String file, Map<String, String> env) {
        this.file = file;
        this.env = env;
    }

    public List<RegistryError> errors() { return errors; }

    public void error(Node at, String field, String message, String hint) {
        Mark m = at == null ? null : at.getStartMark().orElse(null);
        errors.add(new RegistryError(file, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, field, message, hint));
    }

    public static boolean isNull(Node n) {
        return n == null || (n instanceof ScalarNode s && s.getTag().equals(Tag.NULL) && s.getScalarStyle() == ScalarStyle.PLAIN);
    }

    /**
     * The entries of a mapping in file order, keyed by their key text. Reports non-mapping nodes,
     * duplicate keys and keys not in {@code allowed} (with a did-you-mean); those entries are left out.
     */
    public Map<String, NodeTuple> entries(Node node, String field, Collection<String> allowed) {
        Map<String, NodeTuple> out = new LinkedHashMap<>();
        if (!(node instanceof MappingNode mapping)) {
            error(node, field, "expected a mapping, got " + describe(node), null);
            return out;
        }
        for (NodeTuple t : mapping.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode keyNode)) {
                error(t.getKeyNode(), field, "keys must be plain names", null);
                continue;
            }
            String key = keyNode.getValue();
            String path = join(field, key);
            if (out.containsKey(key)) {
                error(keyNode, path, "duplicate key", "an earlier `" + key + "` is at line "
                        + (out.get(key).getKeyNode().getStartMark().map(m -> m.getLine() + 1).orElse(0)));
            } else if (allowed != null && !allowed.contains(key)) {
                String hint = Suggest.didYouMean(key, allowed);
                error(keyNode, path, "unknown key", hint != null ? hint : "known keys: " + String.join(", ", allowed));
            } else {
                out.put(key, t);
            }
        }
        return out;
    }

    /** A scalar with environment references expanded; null when absent, null or not a scalar. */
    public String string(Node node, String field) {
        if (isNull(node)) return null;
        if (!(node instanceof ScalarNode s)) {
            error(node, field, "expected a single value, got " + describe(node), null);
            return null;
        }
        try {
            return EnvExpander.expand(s.getValue(), env);
        } catch (EnvExpander.Unset e) {
            error(node, field, e.getMessage(), "export " + e.variable + "=… or write ${" + e.variable + ":-default}");
            return null;
        }
    }

    public Integer integer(Node node, String field, int min, int max) {
        String text = string(node, field);
        if (text == null) return null;
        try {
            int v = Integer.parseInt(text.trim());
            if (v < min || v > max) {
                error(node, field, "must be between " + min + " and " + max + ", got " + v, null);
                return null;
            }
            return v;
        } catch (NumberFormatException e) {
            error(node, field, "expected a whole number, got '" + text + "'", null);
            return null;
        }
    }

    /** `2s`, `500ms`, `1m`, `1h`, or a bare number of seconds. */
    public Duration duration(Node node, String field) {
        String text = string(node, field);
        if (text == null) return null;
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            error(node, field, "expected a duration like 2s, 500ms or 1m, got '" + text + "'", null);
            return null;
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    /** A list of names: `[a, b]`, a block list, or absent (empty list). Returns the element nodes too. */
    List<ScalarNode> stringList(Node node, String field) {
        List<ScalarNode> out = new ArrayList<>();
        if (isNull(node)) return out;
        if (!(node instanceof SequenceNode seq)) {
            error(node, field, "expected a list, got " + describe(node), "write [" + (node instanceof ScalarNode s ? s.getValue() : "…") + "]");
            return out;
        }
        for (int i = 0; i < seq.getValue().size(); i++) {
            Node item = seq.getValue().get(i);
            if (item instanceof ScalarNode s && !isNull(s)) out.add(s);
            else error(item, field + "[" + i + "]", "expected a name, got " + describe(item), null);
        }
        return out;
    }

    /** `healthcheck: {tcp: PORT}` or `{cmd: "…"}`, exactly one: the same shape in the registry and in service files. */
    public HealthCheck healthcheck(Node node, String f) {
        Map<String, NodeTuple> e = entries(node, f, RegistryLoader.HEALTHCHECK_KEYS);
        if (!(node instanceof MappingNode)) return null;
        if (e.size() != 1) {
            error(node, f, "give exactly one of tcp or cmd", "e.g. `healthcheck: {tcp: 8080}` or `healthcheck: {cmd: \"curl -f localhost:8080\"}`");
            return null;
        }
        if (e.containsKey("tcp")) {
            Integer p = integer(e.get("tcp").getValueNode(), f + ".tcp", 1, 65535);
            return p == null ? null : HealthCheck.tcp(p);
        }
        String cmd = string(e.get("cmd").getValueNode(), f + ".cmd");
        if (cmd == null || cmd.isBlank()) {
            error(e.get("cmd").getValueNode(), f + ".cmd", "must not be empty", null);
            return null;
        }
        return HealthCheck.cmd(cmd);
    }

    public static String describe(Node n) {
        if (isNull(n)) return "nothing";
        if (n instanceof MappingNode) return "a mapping";
        if (n instanceof SequenceNode) return "a list";
        return "'" + ((ScalarNode) n).getValue() + "'";
    }

    static String join(String field, String key) {
        return field == null || field.isEmpty() ? key : field + "." + key;
    }
}

package lib.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Renders values as one-line YAML that reads back as exactly the value given. A value is written
 * plain when the parser gives it back unchanged (and not as null or a boolean), else double-quoted.
 * Supported values: String, Integer, List of String (a flow list), Map of String to those (a flow map).
 */
public final class YamlValues {
    private static final java.util.regex.Pattern YAML11_BOOLEANS =
            java.util.regex.Pattern.compile("(?i)y|n|yes|no|on|off|true|false");

    private YamlValues() {}

    /** The value for `key: VALUE` in a block mapping. */
    public static String render(Object value) {
        return render(value, false);
    }

    static String render(Object value, boolean flow) {
        if (value instanceof Integer i) return i.toString();
        if (value instanceof String s) return scalar(s, flow);
        if (value instanceof List<?> l) {
            return l.stream().map(v -> render(v, true)).collect(Collectors.joining(", ", "[", "]"));
        }
        if (value instanceof Map<?, ?> m) {
            return m.entrySet().stream().map(e -> scalar(e.getKey().toString(), true) + ": " + render(e.getValue(), true))
                    .collect(Collectors.joining(", ", "{", "}"));
        }
        throw new IllegalArgumentException("cannot render " + value);
    }

    /** Plain when safe in this context (flow context forbids `,[]{}` too), else double-quoted. */
    public static String scalar(String s, boolean flow) {
        return plainReadsBack(s, flow) ? s : quoted(s);
    }

    public static String quoted(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f || c == 0x85 || c == 0x2028 || c == 0x2029) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    /**
     * Asks the parser itself: the same parser that will read the file back decides. YAML 1.1 booleans
     * (yes, no, on, off, y, n) are quoted too, for the other tools (and people) that read the file.
     */
    static boolean plainReadsBack(String s, boolean flow) {
        if (s.isEmpty() || !s.strip().equals(s) || s.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) return false;
        if (YAML11_BOOLEANS.matcher(s).matches()) return false;
        Optional<ScalarNode> back = readBack(flow ? "[" + s + "]" : "k: " + s, flow);
        return back.isPresent() && back.get().getValue().equals(s) && back.get().getScalarStyle() == ScalarStyle.PLAIN
                && !back.get().getTag().equals(Tag.NULL) && !back.get().getTag().equals(Tag.BOOL);
    }

    private static Optional<ScalarNode> readBack(String doc, boolean flow) {
        try {
            Node root = RegistryLoader.parse("value", doc).orElse(null);
            Node n = null;
            if (flow && root instanceof SequenceNode seq && seq.getValue().size() == 1) n = seq.getValue().get(0);
            if (!flow) n = YamlDoc.entry(root, "k").map(NodeTuple::getValueNode).orElse(null);
            if (!flow && root instanceof org.snakeyaml.engine.v2.nodes.MappingNode m && m.getValue().size() != 1) n = null;
            return n instanceof ScalarNode sc ? Optional.of(sc) : Optional.empty();
        } catch (YamlEngineException e) {
            return Optional.empty();
        }
    }
}

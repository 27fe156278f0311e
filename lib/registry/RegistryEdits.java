package lib.registry;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Pure edits of a registry text: each takes the whole text and returns the whole new text,
 * splicing only the lines it changes, so comments, blank lines and key order survive byte for
 * byte everywhere else. Values are rendered by {@link YamlValues} (String, Integer, List, Map).
 * These do not validate the result; {@link RegistryFile} does before writing.
 */
public final class RegistryEdits {
    public static final String HOSTS = "hosts";
    public static final String SERVICES = "services";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]*");

    private RegistryEdits() {}

    public static String setServiceField(String text, String service, String key, Object value) {
        return setField(text, SERVICES, service, key, value);
    }

    public static String setHostField(String text, String host, String key, Object value) {
        return setField(text, HOSTS, host, key, value);
    }

    public static String setCurrentHost(String text, String service, String host) {
        return setField(text, SERVICES, service, "current_host", host);
    }

    /** Like {@link #setCurrentHost}, but first checks the host exists, to name it (with a did-you-mean) rather than a line. */
    public static String moveService(String text, String service, String host) {
        return setCurrentHost(requireHost(text, host), service, host);
    }

    /** The text unchanged, or an error naming the missing host with a did-you-mean. */
    public static String requireHost(String text, String host) {
        find(YamlDoc.parse(text), HOSTS, host);
        return text;
    }

    /** Drops one field's lines; a field that is not there is no change. */
    public static String removeServiceField(String text, String service, String key) {
        return removeField(text, SERVICES, service, key);
    }

    public static String addHost(String text, String name, Map<String, Object> fields) {
        return new BlockInsert(YamlDoc.parse(text), HOSTS, checkedName(name, "host")).insert(fields);
    }

    public static String addService(String text, String name, Map<String, Object> fields) {
        return new BlockInsert(YamlDoc.parse(text), SERVICES, checkedName(name, "service")).insert(fields);
    }

    /** Removes a service's lines, the comment lines just above it at its indentation, and those inside it. */
    public static String removeService(String text, String name) {
        return removeEntry(text, SERVICES, name);
    }

    /**
     * Removes a host the same way. Refused while services still run on it (naming them): the registry would not
     * validate, and saying which services to move first is clearer than a line number.
     */
    public static String removeHost(String text, String name) {
        List<String> on = servicesOn(YamlDoc.parse(text), name);
        if (!on.isEmpty()) {
            throw new EditException("host '" + name + "' is the current_host of: " + String.join(", ", on),
                    "move them first: portoser registry move SERVICE OTHER_HOST");
        }
        return removeEntry(text, HOSTS, name);
    }

    private static String removeEntry(String text, String section, String name) {
        YamlDoc d = YamlDoc.parse(text);
        NodeTuple t = find(d, section, name);
        requireBlock(d, section);
        int keyPos = d.start(t.getKeyNode());
        int indent = keyPos - d.lineStart(keyPos);
        int from = d.lineStart(keyPos);
        while (from > 0 && d.commentIndent(d.lineStart(from - 1)) == indent) from = d.lineStart(from - 1);
        int to = d.lineEnd(d.contentEnd(t.getValueNode()));
        to = d.skipComments(to, indent + 1);
        // Keep one blank line between the neighbours, not two.
        boolean blankBefore = from == 0 || d.isBlankLine(d.lineStart(from - 1)) || d.lineStart(from - 1) == sectionLine(d, section);
        if (blankBefore && d.isBlankLine(to)) to = d.lineEnd(to);
        return splice(text, from, to, "");
    }

    /** Services whose current_host is this host, read from the text being edited, in file order. */
    private static List<String> servicesOn(YamlDoc d, String host) {
        Node sec = YamlDoc.entry(d.root, SERVICES).map(NodeTuple::getValueNode).orElse(null);
        if (!(sec instanceof MappingNode m)) return List.of();
        return m.getValue().stream().filter(t -> t.getKeyNode() instanceof ScalarNode
                        && YamlDoc.entry(t.getValueNode(), "current_host").map(NodeTuple::getValueNode)
                        .filter(v -> v instanceof ScalarNode sv && sv.getValue().equals(host)).isPresent())
                .map(t -> ((ScalarNode) t.getKeyNode()).getValue()).toList();
    }

    static String setField(String text, String section, String name, String key, Object value) {
        YamlDoc d = YamlDoc.parse(text);
        MappingNode m = fields(d, section, name);
        String rendered = YamlValues.render(value, YamlDoc.isFlow(m));
        Optional<NodeTuple> field = YamlDoc.entry(m, key);
        return field.isPresent() ? replaceValue(d, field.get(), rendered) : insertField(d, m, key, rendered);
    }

    static String removeField(String text, String section, String name, String key) {
        YamlDoc d = YamlDoc.parse(text);
        MappingNode m = fields(d, section, name);
        Optional<NodeTuple> field = YamlDoc.entry(m, key);
        if (field.isEmpty()) return text;
        if (YamlDoc.isFlow(m)) throw handWritten(section + "." + name);
        int from = d.lineStart(d.start(field.get().getKeyNode()));
        return splice(text, from, d.lineEnd(d.contentEnd(field.get().getValueNode())), "");
    }

    /** Same-line values are replaced in place (a trailing comment stays); values on later lines move up. */
    private static String replaceValue(YamlDoc d, NodeTuple t, String rendered) {
        Node v = t.getValueNode();
        int s = d.start(v);
        if (s == d.end(v)) return splice(d.text, s, s, " " + rendered);
        if (d.sameLine(d.start(t.getKeyNode()), s)) return splice(d.text, s, d.contentEnd(v), rendered);
        return splice(d.text, d.afterColon(t.getKeyNode()), d.contentEnd(v), " " + rendered);
    }

    /** A new field goes last: as a line at the mapping's indentation, or before a flow mapping's `}`. */
    private static String insertField(YamlDoc d, MappingNode m, String key, String rendered) {
        String entry = YamlValues.scalar(key, YamlDoc.isFlow(m)) + ": " + rendered;
        if (YamlDoc.isFlow(m)) {
            if (m.getValue().isEmpty()) return splice(d.text, d.end(m) - 1, d.end(m) - 1, entry);
            int pos = d.contentEnd(YamlDoc.last(m).getValueNode());
            return splice(d.text, pos, pos, ", " + entry);
        }
        String indent = d.indentAt(d.start(m.getValue().get(0).getKeyNode()));
        int pos = d.skipComments(d.lineEnd(d.contentEnd(m)), indent.length());
        return insertLines(d.text, d.nl, pos, indent + entry + d.nl);
    }

    /** Inserts whole lines at a line start, adding the missing newline when the file does not end with one. */
    static String insertLines(String text, String nl, int pos, String lines) {
        boolean needsNewline = pos == text.length() && pos > 0 && !text.endsWith("\n");
        return splice(text, pos, pos, (needsNewline ? nl : "") + lines);
    }

    static String splice(String text, int from, int to, String with) {
        return text.substring(0, from) + with + text.substring(to);
    }

    private static MappingNode fields(YamlDoc d, String section, String name) {
        Node v = find(d, section, name).getValueNode();
        if (!(v instanceof MappingNode m)) throw new EditException(section + "." + name + " is not a mapping of fields; fix it by hand first");
        return m;
    }

    static NodeTuple find(YamlDoc d, String section, String name) {
        Node sec = YamlDoc.entry(d.root, section).map(NodeTuple::getValueNode).orElse(null);
        return YamlDoc.entry(sec, name).orElseThrow(() -> notFound(sec, section, name));
    }

    private static EditException notFound(Node sec, String section, String name) {
        List<String> names = sec instanceof MappingNode m ? m.getValue().stream().map(NodeTuple::getKeyNode)
                .filter(k -> k instanceof ScalarNode).map(k -> ((ScalarNode) k).getValue()).toList() : List.of();
        String dym = Suggest.didYouMean(name, names);
        String hint = dym != null ? dym : names.isEmpty() ? "there are no " + section + " yet" : section + " are: " + String.join(", ", names);
        return new EditException("no " + singular(section) + " '" + name + "' in the registry", hint);
    }

    private static void requireBlock(YamlDoc d, String section) {
        if (YamlDoc.isFlow(d.root) || YamlDoc.entry(d.root, section).map(t -> YamlDoc.isFlow(t.getValueNode())).orElse(false)) {
            throw handWritten(section);
        }
    }

    static EditException handWritten(String where) {
        return new EditException("cannot edit " + where + ": it is written in flow style ({…})", "rewrite it as a block mapping, or edit it by hand");
    }

    static int sectionLine(YamlDoc d, String section) {
        return YamlDoc.entry(d.root, section).map(t -> d.lineStart(d.start(t.getKeyNode()))).orElse(-1);
    }

    static String singular(String section) {
        return section.endsWith("s") ? section.substring(0, section.length() - 1) : section;
    }

    /** Names become YAML keys, DNS names and directories: keep them plain. */
    public static String checkedName(String name, String kind) {
        if (!NAME.matcher(name).matches() || !YamlValues.plainReadsBack(name, true)) {
            throw new EditException("invalid " + kind + " name '" + name + "'", "use letters, digits, '-', '_' or '.', starting with a letter or digit");
        }
        return name;
    }
}

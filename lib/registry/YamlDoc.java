package lib.registry;

import java.util.Optional;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.nodes.CollectionNode;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML text with its node tree, turning node marks into char offsets and lines, so edits can
 * splice the text itself and leave every byte outside the edited region alone.
 */
final class YamlDoc {
    final String text;
    final Node root;
    /** The file's own line ending, so inserted lines match it. */
    final String nl;
    private final boolean surrogates;

    private YamlDoc(String text, Node root) {
        this.text = text;
        this.root = root;
        this.nl = text.contains("\r\n") ? "\r\n" : "\n";
        this.surrogates = text.chars().anyMatch(c -> Character.isSurrogate((char) c));
    }

    static YamlDoc parse(String text) {
        try {
            return new YamlDoc(text, RegistryLoader.parse("registry", text).orElse(null));
        } catch (MarkedYamlEngineException e) {
            throw new EditException("cannot edit: the registry is not valid YAML: "
                    + RegistryLoader.malformed("registry", e).format().substring("registry:".length()));
        }
    }

    /** Marks count code points; Java strings count UTF-16 units, which differ after an emoji. */
    int offset(Mark m) {
        return surrogates ? text.offsetByCodePoints(0, m.getIndex()) : m.getIndex();
    }

    int start(Node n) { return offset(n.getStartMark().orElseThrow()); }

    int end(Node n) { return offset(n.getEndMark().orElseThrow()); }

    /**
     * Where a node's own text ends. A block collection's end mark runs on to the next token (past
     * newlines, comments and indentation), so it is taken from its last child instead.
     */
    int contentEnd(Node n) {
        if (n instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.BLOCK) {
            if (n instanceof MappingNode m && !m.getValue().isEmpty()) return contentEnd(last(m).getValueNode());
            if (n instanceof SequenceNode s && !s.getValue().isEmpty()) return contentEnd(s.getValue().get(s.getValue().size() - 1));
        }
        int s = start(n), e = end(n);
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        return e;
    }

    static NodeTuple last(MappingNode m) { return m.getValue().get(m.getValue().size() - 1); }

    static boolean isFlow(Node n) {
        return n instanceof CollectionNode<?> c && c.getFlowStyle() == FlowStyle.FLOW;
    }

    /** The entry with this key in a mapping node, if any. */
    static Optional<NodeTuple> entry(Node mapping, String key) {
        if (!(mapping instanceof MappingNode m)) return Optional.empty();
        return m.getValue().stream()
                .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)).findFirst();
    }

    int lineStart(int pos) { return text.lastIndexOf('\n', pos - 1) + 1; }

    /** The offset just past the line's newline, or the end of the text. */
    int lineEnd(int pos) { return lineEnd(text, pos); }

    static int lineEnd(String text, int pos) {
        int i = text.indexOf('\n', pos);
        return i < 0 ? text.length() : i + 1;
    }

    /** The text from the start of the line up to pos, as spaces: the indentation a sibling line needs. */
    String indentAt(int pos) {
        return " ".repeat(text.codePointCount(lineStart(pos), pos));
    }

    boolean sameLine(int a, int b) { return lineStart(a) == lineStart(b); }

    boolean isBlankLine(int lineStart) {
        return lineStart < text.length() && text.substring(lineStart, lineEnd(lineStart)).isBlank();
    }

    /** The indentation of a line holding only a comment, or -1 for any other line. */
    int commentIndent(int lineStart) {
        if (lineStart >= text.length()) return -1;
        String line = text.substring(lineStart, lineEnd(lineStart));
        String body = line.stripLeading();
        return body.startsWith("#") ? line.length() - body.length() : -1;
    }

    /** Moves past the comment-only lines at pos indented at least minIndent: they belong to the block above. */
    int skipComments(int pos, int minIndent) {
        while (commentIndent(pos) >= minIndent) pos = lineEnd(pos);
        return pos;
    }

    /** Offset just after the `:` that follows a mapping key. */
    int afterColon(Node key) {
        return text.indexOf(':', end(key)) + 1;
    }
}

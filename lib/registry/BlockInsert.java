package lib.registry;

import java.util.Map;
import java.util.Optional;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Adds a `name: {fields}` block as the last entry of `hosts:` or `services:`, written as a block
 * mapping with the indentation the file already uses (two spaces when it shows none).
 */
final class BlockInsert {
    private final YamlDoc d;
    private final String section;
    private final String name;

    BlockInsert(YamlDoc d, String section, String name) {
        this.d = d;
        this.section = section;
        this.name = name;
    }

    String insert(Map<String, Object> fields) {
        if (d.root != null && (!(d.root instanceof MappingNode) || YamlDoc.isFlow(d.root))) {
            throw RegistryEdits.handWritten("the registry");
        }
        Optional<NodeTuple> sec = YamlDoc.entry(d.root, section);
        if (sec.isPresent() && YamlDoc.entry(sec.get().getValueNode(), name).isPresent()) {
            throw new EditException(RegistryEdits.singular(section) + " '" + name + "' already exists",
                    "pick another name, or change it with: portoser registry update " + name + " key=value");
        }
        if (sec.isEmpty()) return RegistryEdits.insertLines(d.text, d.nl, d.text.length(), section + ":" + d.nl + block(fields));
        Node v = sec.get().getValueNode();
        if (v instanceof MappingNode m && !m.getValue().isEmpty() && !YamlDoc.isFlow(m)) {
            int firstKey = d.start(m.getValue().get(0).getKeyNode());
            int pos = d.skipComments(d.lineEnd(d.contentEnd(m)), d.indentAt(firstKey).length() + 1);
            return RegistryEdits.insertLines(d.text, d.nl, pos, block(fields));
        }
        if (NodeReader.isNull(v) || (YamlDoc.isFlow(v) && v instanceof MappingNode m && m.getValue().isEmpty())) {
            return replaceEmpty(sec.get(), block(fields));
        }
        throw RegistryEdits.handWritten(section);
    }

    /** `services:`, `services: ~` or `services: {}`: drop the empty value (a comment after it stays), put the block below. */
    private String replaceEmpty(NodeTuple t, String block) {
        int from = d.afterColon(t.getKeyNode()), to = d.end(t.getValueNode());
        if (d.text.substring(to, d.lineEnd(to)).isBlank()) {
            to = d.lineEnd(to);
            while (to > from && (d.text.charAt(to - 1) == '\n' || d.text.charAt(to - 1) == '\r')) to--;
        }
        String without = RegistryEdits.splice(d.text, from, to, "");
        return RegistryEdits.insertLines(without, d.nl, YamlDoc.lineEnd(without, from), block);
    }

    private String block(Map<String, Object> fields) {
        String outer = entryIndent(section).or(() -> entryIndent(other())).orElse("  ");
        String step = fieldStep(section).or(() -> fieldStep(other())).orElse("  ");
        StringBuilder sb = new StringBuilder(outer).append(name).append(':').append(d.nl);
        fields.forEach((k, v) -> sb.append(outer).append(step).append(k).append(": ").append(YamlValues.render(v)).append(d.nl));
        return sb.toString();
    }

    private String other() {
        return section.equals(RegistryEdits.HOSTS) ? RegistryEdits.SERVICES : RegistryEdits.HOSTS;
    }

    /** The indentation of a section's entry names. */
    private Optional<String> entryIndent(String sec) {
        return blockSection(sec).map(m -> d.indentAt(d.start(m.getValue().get(0).getKeyNode())));
    }

    /** How much deeper than its name an entry's fields sit, from the first entry that has block fields. */
    private Optional<String> fieldStep(String sec) {
        Optional<MappingNode> m = blockSection(sec);
        if (m.isEmpty()) return Optional.empty();
        for (NodeTuple t : m.get().getValue()) {
            if (t.getValueNode() instanceof MappingNode f && !f.getValue().isEmpty() && !YamlDoc.isFlow(f)) {
                int step = d.indentAt(d.start(f.getValue().get(0).getKeyNode())).length() - d.indentAt(d.start(t.getKeyNode())).length();
                if (step > 0) return Optional.of(" ".repeat(step));
            }
        }
        return Optional.empty();
    }

    private Optional<MappingNode> blockSection(String sec) {
        return YamlDoc.entry(d.root, sec).map(NodeTuple::getValueNode)
                .filter(v -> v instanceof MappingNode m && !m.getValue().isEmpty() && !YamlDoc.isFlow(m)).map(v -> (MappingNode) v);
    }
}

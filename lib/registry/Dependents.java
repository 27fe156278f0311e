package lib.registry;

import java.util.ArrayList;
import java.util.List;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Who depends on a service, read from the text itself (not a loaded Registry) so it works on the
 * exact text being edited, and the edit that takes a service out of their `dependencies`.
 */
public final class Dependents {
    private Dependents() {}

    /** Services whose `dependencies` name this one, in file order. */
    public static List<String> of(String text, String service) {
        YamlDoc d = YamlDoc.parse(text);
        List<String> out = new ArrayList<>();
        YamlDoc.entry(d.root, RegistryEdits.SERVICES).map(NodeTuple::getValueNode).ifPresent(sec -> {
            if (!(sec instanceof MappingNode m)) return;
            for (NodeTuple t : m.getValue()) {
                if (t.getKeyNode() instanceof ScalarNode k && dependencies(t).contains(service)) out.add(k.getValue());
            }
        });
        return out;
    }

    /** Removes `dependency` from the service's list; an emptied list removes the field. */
    public static String without(String text, String service, String dependency) {
        NodeTuple t = RegistryEdits.find(YamlDoc.parse(text), RegistryEdits.SERVICES, service);
        List<String> kept = new ArrayList<>(dependencies(t));
        kept.removeIf(dependency::equals);
        return kept.isEmpty() ? RegistryEdits.removeServiceField(text, service, "dependencies")
                : RegistryEdits.setServiceField(text, service, "dependencies", kept);
    }

    private static List<String> dependencies(NodeTuple service) {
        return YamlDoc.entry(service.getValueNode(), "dependencies").map(NodeTuple::getValueNode)
                .filter(n -> n instanceof SequenceNode).map(n -> ((SequenceNode) n).getValue().stream()
                        .filter(i -> i instanceof ScalarNode).map(i -> ((ScalarNode) i).getValue()).toList())
                .orElse(List.of());
    }
}

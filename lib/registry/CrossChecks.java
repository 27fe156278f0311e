package lib.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Checks that span services: unknown or cyclic dependencies, and two services sharing a port on one host. */
final class CrossChecks {
    private final NodeReader r;
    private final Set<String> hostNames;
    private final Map<String, Map<String, NodeTuple>> nodes;
    private final Map<String, Service> services;

    CrossChecks(NodeReader r, Set<String> hostNames, Map<String, Map<String, NodeTuple>> nodes, Map<String, Service> services) {
        this.r = r;
        this.hostNames = hostNames;
        this.nodes = nodes;
        this.services = services;
    }

    void run() {
        unknownDependencies();
        cycles();
        portClashes();
    }

    private void unknownDependencies() {
        nodes.forEach((name, fields) -> {
            for (ScalarNode dep : dependencyNodes(fields)) {
                String d = dep.getValue();
                if (!nodes.containsKey(d)) {
                    String dym = Suggest.didYouMean(d, nodes.keySet());
                    r.error(dep, "services." + name + ".dependencies", "unknown service '" + d + "'",
                            dym != null ? dym : "services are: " + String.join(", ", nodes.keySet()));
                }
            }
        });
    }

    /** Each cycle once, printed from its first service in file order: a -> b -> a. */
    private void cycles() {
        Map<String, List<String>> graph = new LinkedHashMap<>();
        nodes.forEach((name, fields) -> graph.put(name, dependencyNodes(fields).stream().map(ScalarNode::getValue)
                .filter(nodes::containsKey).toList()));
        Set<String> done = new HashSet<>();
        Set<Set<String>> reported = new HashSet<>();
        for (String start : graph.keySet()) visit(start, graph, new ArrayList<>(), done, reported);
    }

    private void visit(String node, Map<String, List<String>> graph, List<String> stack, Set<String> done, Set<Set<String>> reported) {
        int at = stack.indexOf(node);
        if (at >= 0) {
            List<String> cycle = new ArrayList<>(stack.subList(at, stack.size()));
            if (reported.add(new HashSet<>(cycle))) {
                cycle.add(node);
                String first = cycle.get(0);
                r.error(dependenciesNode(first), "services." + first + ".dependencies",
                        "dependency cycle: " + String.join(" -> ", cycle), "remove one of these dependencies");
            }
            return;
        }
        if (done.contains(node)) return;
        stack.add(node);
        for (String next : graph.getOrDefault(node, List.of())) visit(next, graph, stack, done, reported);
        stack.remove(stack.size() - 1);
        done.add(node);
    }

    private void portClashes() {
        Map<String, String> firstByHostPort = new HashMap<>();
        for (Service s : services.values()) {
            if (s.port() == null || s.currentHost() == null || !hostNames.contains(s.currentHost())) continue;
            String key = s.currentHost() + ":" + s.port();
            String other = firstByHostPort.putIfAbsent(key, s.name());
            if (other != null) {
                r.error(nodes.get(s.name()).get("port").getValueNode(), "services." + s.name() + ".port",
                        "port " + s.port() + " on host " + s.currentHost() + " is already used by service '" + other + "'",
                        "give one of them another port or another host");
            }
        }
    }

    private Node dependenciesNode(String service) {
        NodeTuple t = nodes.get(service).get("dependencies");
        return t == null ? null : t.getValueNode();
    }

    private static List<ScalarNode> dependencyNodes(Map<String, NodeTuple> fields) {
        NodeTuple t = fields.get("dependencies");
        if (t == null || !(t.getValueNode() instanceof SequenceNode seq)) return List.of();
        return seq.getValue().stream().filter(n -> n instanceof ScalarNode).map(n -> (ScalarNode) n).toList();
    }
}

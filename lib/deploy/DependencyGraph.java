package lib.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.registry.Registry;
import lib.registry.Service;

/** Pure dependency queries over a loaded registry, for `portoser dependencies …` and stop/start ordering. */
public final class DependencyGraph {
    private DependencyGraph() {}

    /** One row per service: host, what it needs, what needs it. */
    public static List<Map<String, Object>> list(Registry r) {
        return r.services().values().stream().map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", s.name());
            row.put("host", s.currentHost());
            row.put("dependencies", s.dependencies());
            row.put("dependents", dependents(r, s.name()));
            return row;
        }).toList();
    }

    /** Services that name this one in `dependencies`, in file order. */
    public static List<String> dependents(Registry r, String name) {
        return r.services().values().stream().filter(s -> s.dependencies().contains(name)).map(Service::name).toList();
    }

    /** The names given plus everything they need, transitively. */
    public static Set<String> withDependencies(Registry r, Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(names);
        while (!todo.isEmpty()) {
            String n = todo.pop();
            if (out.add(n)) todo.addAll(r.services().get(n).dependencies());
        }
        return out;
    }

    /** Everything that needs {@code name}, directly (depth 1) or through others, nearest first. */
    public static Map<String, Integer> impact(Registry r, String name) {
        Map<String, Integer> depth = new LinkedHashMap<>();
        Deque<String> todo = new ArrayDeque<>(List.of(name));
        while (!todo.isEmpty()) {
            String n = todo.removeFirst();
            int d = n.equals(name) ? 0 : depth.get(n);
            for (String dep : dependents(r, n)) {
                if (!dep.equals(name) && !depth.containsKey(dep)) {
                    depth.put(dep, d + 1);
                    todo.addLast(dep);
                }
            }
        }
        return depth;
    }

    /** `dependencies impact --json` and GET /api/dependencies/impact/{service}: {service, impacted: {name: depth}}. */
    public static Map<String, Object> impactJson(Registry r, String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", name);
        m.put("impacted", impact(r, name));
        return m;
    }

    /** A service in the drawn graph: its host, its deploy wave (1 = needs nothing) and how it runs. */
    public record Node(String id, String host, int wave, String deploymentType) {}

    /** {@code from} needs {@code to}. */
    public record Edge(String from, String to) {}

    public record Graph(List<Node> nodes, List<Edge> edges) {}

    /** Every service as a node laid out by deploy wave, and an edge from each service to each of its dependencies. */
    public static Graph graph(Registry r) {
        if (r.services().isEmpty()) return new Graph(List.of(), List.of());
        Map<String, Integer> wave = new java.util.HashMap<>();
        for (Plan.Wave w : order(r, List.of()).waves()) for (Plan.Step s : w.steps()) wave.put(s.service(), w.number());
        List<Node> nodes = r.services().values().stream()
                .map(s -> new Node(s.name(), s.currentHost(), wave.getOrDefault(s.name(), 1), s.deploymentType().yamlName())).toList();
        List<Edge> edges = new ArrayList<>();
        for (String[] e : edges(r, List.of())) edges.add(new Edge(e[0], e[1]));
        return new Graph(nodes, edges);
    }

    /** The deploy order of these services and all they need (all services when none are named). */
    public static Plan order(Registry r, Collection<String> names) {
        if (names.isEmpty()) return Planner.plan(r, Planner.Request.everything());
        return Planner.plan(r, new Planner.Request(null, List.copyOf(withDependencies(r, names)), false, null));
    }

    /** A text tree of what each service needs; roots are the named services, or those nothing depends on. */
    public static String tree(Registry r, Collection<String> roots) {
        List<String> top = roots.isEmpty()
                ? r.services().keySet().stream().filter(n -> dependents(r, n).isEmpty()).toList() : List.copyOf(roots);
        StringBuilder sb = new StringBuilder();
        for (String root : top) {
            sb.append(node(r, root)).append('\n');
            children(r, root, "", sb);
        }
        return sb.toString();
    }

    private static void children(Registry r, String name, String indent, StringBuilder sb) {
        List<String> deps = r.services().get(name).dependencies();
        for (int i = 0; i < deps.size(); i++) {
            boolean last = i == deps.size() - 1;
            sb.append(indent).append(last ? "└── " : "├── ").append(node(r, deps.get(i))).append('\n');
            children(r, deps.get(i), indent + (last ? "    " : "│   "), sb);
        }
    }

    private static String node(Registry r, String name) { return name + "@" + r.services().get(name).currentHost(); }

    /** Graphviz: an edge from each service to what it needs, nodes labelled with their host. */
    public static String dot(Registry r) {
        StringBuilder sb = new StringBuilder("digraph dependencies {\n  rankdir=LR;\n  node [shape=box];\n");
        for (Service s : r.services().values()) {
            sb.append("  \"").append(s.name()).append("\" [label=\"").append(s.name()).append("\\n")
                    .append(s.currentHost()).append("\"];\n");
        }
        for (Service s : r.services().values()) {
            for (String d : s.dependencies()) sb.append("  \"").append(s.name()).append("\" -> \"").append(d).append("\";\n");
        }
        return sb.append("}\n").toString();
    }

    /** Checks a service name, with a did-you-mean. */
    public static void requireService(Registry r, String name) {
        Planner.requireKnown("service", name, r.services().keySet(), null);
    }

    /** Pairs (service, dependency) to health-check for `dependencies check`: of the named services, or all. */
    public static List<String[]> edges(Registry r, Collection<String> names) {
        List<String[]> out = new ArrayList<>();
        for (Service s : r.services().values()) {
            if (!names.isEmpty() && !names.contains(s.name())) continue;
            for (String d : s.dependencies()) out.add(new String[] {s.name(), d});
        }
        return out;
    }
}

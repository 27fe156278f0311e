package lib.deploy.history;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import lib.registry.TextDiff;

/**
 * Pure: what differs between two deploy records — services, where they ran, their images, the registry text,
 * and the recorded definition files ({@code files}: "service/file" → changed lines; only services both records
 * kept files for).
 */
public record HistoryCompare(String from, String to, List<String> onlyInFrom, List<String> onlyInTo,
                             List<Change> hosts, List<Change> images, List<String> registry, Map<String, List<String>> files) {
    /** One value that differs: a service's host, or one container's image ({@code what} = service or service/container). */
    public record Change(String what, String from, String to) {}

    public static HistoryCompare of(DeploymentRecord a, DeploymentRecord b) {
        Set<String> sa = new LinkedHashSet<>(a.services()), sb = new LinkedHashSet<>(b.services());
        List<String> onlyA = sa.stream().filter(s -> !sb.contains(s)).toList();
        List<String> onlyB = sb.stream().filter(s -> !sa.contains(s)).toList();
        return new HistoryCompare(a.id(), b.id(), onlyA, onlyB, differing(a.placements(), b.placements()),
                imageChanges(a.images(), b.images()), TextDiff.changedLines(text(a), text(b)), fileChanges(a.files(), b.files()));
    }

    public boolean same() {
        return onlyInFrom.isEmpty() && onlyInTo.isEmpty() && hosts.isEmpty() && images.isEmpty() && registry.isEmpty() && files.isEmpty();
    }

    public String text() {
        StringBuilder sb = new StringBuilder("Compare " + from + " -> " + to + "\n");
        if (same()) return sb.append("  no differences\n").toString();
        for (String s : onlyInFrom) sb.append("  - ").append(s).append("  (only in ").append(from).append(")\n");
        for (String s : onlyInTo) sb.append("  + ").append(s).append("  (only in ").append(to).append(")\n");
        for (Change c : hosts) sb.append("  host   ").append(c.what()).append(": ").append(c.from()).append(" -> ").append(c.to()).append('\n');
        for (Change c : images) sb.append("  image  ").append(c.what()).append(": ").append(c.from()).append(" -> ").append(c.to()).append('\n');
        if (!registry.isEmpty()) sb.append("  registry:\n");
        for (String l : registry) sb.append("    ").append(l).append('\n');
        files.forEach((f, lines) -> {
            sb.append("  file ").append(f).append(":\n");
            for (String l : lines) sb.append("    ").append(l).append('\n');
        });
        return sb.toString();
    }

    private static List<Change> differing(Map<String, String> a, Map<String, String> b) {
        List<Change> out = new ArrayList<>();
        for (String k : keys(a, b)) if (!Objects.equals(a.get(k), b.get(k))) out.add(new Change(k, a.get(k), b.get(k)));
        return out;
    }

    private static List<Change> imageChanges(Map<String, Map<String, String>> a, Map<String, Map<String, String>> b) {
        List<Change> out = new ArrayList<>();
        for (String svc : keys(a, b)) {
            Map<String, String> ia = a.getOrDefault(svc, Map.of()), ib = b.getOrDefault(svc, Map.of());
            for (Change c : differing(ia, ib)) out.add(new Change(svc + "/" + c.what(), c.from(), c.to()));
        }
        return out;
    }

    private static Map<String, List<String>> fileChanges(Map<String, Map<String, String>> a, Map<String, Map<String, String>> b) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String svc : keys(a, b)) {
            if (!a.containsKey(svc) || !b.containsKey(svc)) continue;
            for (String f : keys(a.get(svc), b.get(svc))) {
                List<String> d = TextDiff.changedLines(a.get(svc).getOrDefault(f, ""), b.get(svc).getOrDefault(f, ""));
                if (!d.isEmpty()) out.put(svc + "/" + f, d);
            }
        }
        return out;
    }

    private static <V> Set<String> keys(Map<String, V> a, Map<String, V> b) {
        Set<String> k = new LinkedHashSet<>(a.keySet());
        k.addAll(b.keySet());
        return k;
    }

    private static String text(DeploymentRecord r) { return r.registrySnapshot() == null ? "" : r.registrySnapshot(); }

    /** For --json: the same fields, in order. */
    public Map<String, Object> json() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("from", from);
        m.put("to", to);
        m.put("only_in_from", onlyInFrom);
        m.put("only_in_to", onlyInTo);
        m.put("hosts", hosts);
        m.put("images", images);
        m.put("registry", registry);
        m.put("files", files);
        return m;
    }
}

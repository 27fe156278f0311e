package lib.deploy.docker;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * The bind-mount sources a compose file names, from each service's {@code volumes:} in short syntax
 * ({@code /abs:/ctr[:ro]}, {@code ./rel:/ctr}) and long syntax ({@code {type: bind, source: …}}). Named volumes
 * are not bind mounts. Pure: text in, paths out.
 */
public final class BindMounts {
    private BindMounts() {}

    /** A bind mount of one compose service: its source as written and the container path. */
    public record Bind(String service, String source, String target) {}

    /** Every bind mount in the file, in file order. Throws IllegalArgumentException when the YAML is malformed. */
    public static List<Bind> parse(String composeText) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().build()).loadFromString(composeText);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(firstLine(e.getMessage()), e);
        }
        List<Bind> out = new ArrayList<>();
        if (!(root instanceof Map<?, ?> top) || !(top.get("services") instanceof Map<?, ?> services)) return out;
        for (Map.Entry<?, ?> s : services.entrySet()) {
            if (!(s.getValue() instanceof Map<?, ?> svc) || !(svc.get("volumes") instanceof List<?> vols)) continue;
            for (Object v : vols) {
                Bind b = bind(String.valueOf(s.getKey()), v);
                if (b != null) out.add(b);
            }
        }
        return out;
    }

    private static Bind bind(String service, Object entry) {
        if (entry instanceof String s) return shortSyntax(service, s);
        if (entry instanceof Map<?, ?> m && "bind".equals(m.get("type")) && m.get("source") != null) {
            return new Bind(service, String.valueOf(m.get("source")), String.valueOf(m.get("target")));
        }
        return null;
    }

    // SRC:DST[:MODE]; a single part is an anonymous volume; a SRC that is not a path is a named volume.
    private static Bind shortSyntax(String service, String entry) {
        String[] parts = entry.split(":");
        if (parts.length < 2 || !isPath(parts[0])) return null;
        return new Bind(service, parts[0], parts[1]);
    }

    // A ${VAR} source may be either; it is listed, and outside() leaves it to compose.
    static boolean isPath(String source) {
        return source.startsWith("/") || source.startsWith(".") || source.startsWith("~") || source.startsWith("$");
    }

    /**
     * The sources that must already exist on the host: those outside {@code serviceDir} (relative ones resolve
     * against it, as compose does). Sources with {@code ${VAR}} are left out: only compose knows their value.
     */
    public static List<String> outside(List<Bind> binds, String serviceDir) {
        Path dir = Path.of(serviceDir).normalize();
        List<String> out = new ArrayList<>();
        for (Bind b : binds) {
            if (b.source().contains("$")) continue;
            String resolved = b.source().startsWith("~") ? b.source() : dir.resolve(b.source()).normalize().toString();
            if (!Path.of(resolved).startsWith(dir) && !out.contains(resolved)) out.add(resolved);
        }
        return out;
    }

    private static String firstLine(String s) {
        return s == null ? "malformed YAML" : s.strip().lines().findFirst().orElse(s);
    }
}

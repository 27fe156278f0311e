package lib.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import lib.registry.HealthCheck;
import lib.registry.NodeReader;
import lib.registry.RegistryError;
import lib.registry.RegistryLoader;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;

/**
 * Reads a `service.yml` into {@link ServiceFile}, reporting every problem at once in the registry's format
 * (`FILE:LINE:COL: field: message (hint)`). Pure apart from reading the file: callers pass the environment
 * that `${VAR}` references expand from.
 */
public final class ServiceFileLoader {
    public static final List<String> KEYS = List.of("start", "stop", "restart", "working_dir", "env_file", "env", "port", "healthcheck");
    private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** A service file or the problems found in it (never both). */
    public record Checked(ServiceFile file, List<RegistryError> errors) {
        public boolean ok() { return errors.isEmpty(); }
    }

    private ServiceFileLoader() {}

    /** Loads and validates; throws a {@link DeployException} listing every problem. */
    public static ServiceFile load(Path file, Map<String, String> env) {
        Checked c = check(file, env);
        if (c.ok()) return c.file();
        StringBuilder sb = new StringBuilder(c.errors().size() == 1 ? "1 problem" : c.errors().size() + " problems");
        sb.append(" in the service file:");
        for (RegistryError e : c.errors()) sb.append("\n  ").append(e.format());
        throw new DeployException(sb.toString(), "fix " + file + ", then deploy again");
    }

    /** Reads and checks a file; a missing or unreadable file is one problem at 1:1. */
    public static Checked check(Path file, Map<String, String> env) {
        try {
            return check(file.toString(), Files.readString(file), env);
        } catch (NoSuchFileException e) {
            return problem(file.toString(), "service file not found", "create it with at least `start: <command>`");
        } catch (IOException e) {
            return problem(file.toString(), "cannot read the service file: " + e.getMessage(), null);
        }
    }

    public static Checked check(String label, String text, Map<String, String> env) {
        Node root;
        try {
            root = RegistryLoader.parse(label, text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            return new Checked(null, List.of(RegistryLoader.malformed(label, e)));
        } catch (YamlEngineException e) {
            return problem(label, "malformed YAML: " + e.getMessage(), null);
        }
        if (NodeReader.isNull(root)) return problem(label, "the service file is empty", "write at least `start: <command>`");
        NodeReader r = new NodeReader(label, env);
        ServiceFile file = walk(r, root);
        List<RegistryError> errors = new ArrayList<>(r.errors());
        errors.sort(Comparator.comparingInt(RegistryError::line).thenComparingInt(RegistryError::column));
        return new Checked(errors.isEmpty() ? file : null, errors);
    }

    private static Checked problem(String label, String message, String hint) {
        return new Checked(null, List.of(new RegistryError(label, 1, 1, "", message, hint)));
    }

    private static ServiceFile walk(NodeReader r, Node root) {
        Map<String, NodeTuple> e = r.entries(root, "", KEYS);
        if (!(root instanceof MappingNode)) return null;
        String start = start(r, root, e);
        String workingDir = relative(r, e.get("working_dir"), "working_dir", false);
        String envFile = relative(r, e.get("env_file"), "env_file", true);
        Integer port = e.containsKey("port") ? r.integer(e.get("port").getValueNode(), "port", 1, 65535) : null;
        HealthCheck hc = e.containsKey("healthcheck") ? r.healthcheck(e.get("healthcheck").getValueNode(), "healthcheck") : null;
        return new ServiceFile(start, command(r, e.get("stop"), "stop"), command(r, e.get("restart"), "restart"),
                workingDir, envFile, env(r, e.get("env")), port, hc);
    }

    private static String start(NodeReader r, Node root, Map<String, NodeTuple> e) {
        NodeTuple t = e.get("start");
        if (t == null || NodeReader.isNull(t.getValueNode())) {
            r.error(t == null ? root : t.getKeyNode(), "start", "missing required field",
                    "the command that runs the service in the foreground, e.g. `start: ./server --port 8080`");
            return null;
        }
        return command(r, t, "start");
    }

    /** An optional shell command: a single, non-blank value. */
    private static String command(NodeReader r, NodeTuple t, String field) {
        if (t == null) return null;
        String s = r.string(t.getValueNode(), field);
        if (s != null && s.isBlank()) {
            r.error(t.getValueNode(), field, "must not be empty", null);
            return null;
        }
        return s;
    }

    /**
     * A path inside the service folder: relative and without `..` escaping it, because only that folder is
     * synced to the host. An env file may also be an absolute path on the host (e.g. /etc/app.env).
     */
    private static String relative(NodeReader r, NodeTuple t, String field, boolean absoluteAllowed) {
        String p = command(r, t, field);
        if (p == null) return null;
        if (p.startsWith("/") && !absoluteAllowed) {
            r.error(t.getValueNode(), field, "must be relative to the service folder, got '" + p + "'",
                    "the service folder is synced to <host path>/<service>/; write e.g. `" + field + ": app`");
            return null;
        }
        if (!p.startsWith("/") && escapes(p)) {
            r.error(t.getValueNode(), field, "must stay inside the service folder, got '" + p + "'",
                    "only the service folder is synced to the host");
            return null;
        }
        return p;
    }

    static boolean escapes(String relativePath) {
        int depth = 0;
        for (String part : relativePath.split("/")) {
            if (part.equals("..")) depth--;
            else if (!part.isEmpty() && !part.equals(".")) depth++;
            if (depth < 0) return true;
        }
        return false;
    }

    private static Map<String, String> env(NodeReader r, NodeTuple t) {
        Map<String, String> out = new LinkedHashMap<>();
        if (t == null || NodeReader.isNull(t.getValueNode())) return out;
        for (Map.Entry<String, NodeTuple> v : r.entries(t.getValueNode(), "env", null).entrySet()) {
            String field = "env." + v.getKey();
            if (!ENV_NAME.matcher(v.getKey()).matches()) {
                r.error(v.getValue().getKeyNode(), field, "not a valid environment variable name",
                        "use letters, digits and _, not starting with a digit");
                continue;
            }
            String value = r.string(v.getValue().getValueNode(), field);
            // `KEY:` with no value sets KEY to the empty string, as `KEY=` does in a shell.
            if (value != null || NodeReader.isNull(v.getValue().getValueNode())) out.put(v.getKey(), value == null ? "" : value);
        }
        return out;
    }
}

package lib.registry;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/**
 * Reads registry.yml into {@link Registry}, reporting every problem at once with file, line,
 * column and field. Pure apart from reading the file: callers pass the environment.
 */
public final class RegistryLoader {
    static final List<String> TOP_KEYS = List.of("domain", "hosts", "services", "dns", "caddy");
    static final List<String> HOST_KEYS = List.of("ip", "ssh_user", "ssh_port", "ssh_key", "path", "arch", "roles", "description",
            "docker_start_command");
    static final List<String> SERVICE_KEYS = List.of("current_host", "deployment_type", "docker_compose", "service_file",
            "port", "healthcheck_url", "healthcheck", "healthcheck_interval", "healthcheck_retries", "dependencies", "tags",
            "description");
    static final List<String> HEALTHCHECK_KEYS = List.of("tcp", "cmd");
    static final List<String> DNS_KEYS = List.of("ingress_ip");
    static final List<String> CADDY_KEYS = List.of("ingress_host", "admin");
    static final List<String> ARCHES = List.of("amd64", "arm64");
    static final List<String> DEPLOYMENT_TYPES = List.of("docker", "local", "native");

    /** The outcome of checking a text: a registry, or the problems (never both). */
    public record Checked(Registry registry, List<RegistryError> errors, Node root) {
        public boolean ok() { return errors.isEmpty(); }
    }

    private RegistryLoader() {}

    /** The keys a host may have, in the order the registry documents them (new entries are written in it). */
    public static List<String> hostKeys() { return HOST_KEYS; }

    /** The keys a service may have, in the order the registry documents them. */
    public static List<String> serviceKeys() { return SERVICE_KEYS; }

    /** Loads with the process environment; throws {@link RegistryException} listing every problem. */
    public static Registry load(Path file) {
        return load(file, System.getenv());
    }

    public static Registry load(Path file, Map<String, String> env) {
        Checked c = check(file, read(file), env);
        if (!c.ok()) throw new RegistryException(c.errors());
        return c.registry();
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new PortoserException(ExitCode.BAD_INPUT, "registry not found: " + file,
                    "pass --registry FILE, set PORTOSER_REGISTRY, or run from a folder with registry.yml");
        } catch (IOException e) {
            throw new PortoserException(ExitCode.BAD_INPUT, "cannot read registry " + file + ": " + e.getMessage());
        }
    }

    /** Parses and validates a registry text; the file is used for messages and the Registry's path. */
    public static Checked check(Path file, String text, Map<String, String> env) {
        String label = file.toString();
        NodeReader r = new NodeReader(label, env);
        Node root;
        try {
            root = parse(label, text).orElse(null);
        } catch (MarkedYamlEngineException e) {
            return new Checked(null, List.of(malformed(label, e)), null);
        } catch (YamlEngineException e) {
            return new Checked(null, List.of(new RegistryError(label, 1, 1, "", "malformed YAML: " + e.getMessage(), null)), null);
        }
        if (NodeReader.isNull(root)) {
            return new Checked(null, List.of(new RegistryError(label, 1, 1, "", "the registry is empty",
                    "start from the example registry.yml in the Portoser-J repository")), null);
        }
        Registry registry = new Walk(r, file).registry(root);
        List<RegistryError> errors = new ArrayList<>(r.errors());
        errors.sort(Comparator.comparingInt(RegistryError::line).thenComparingInt(RegistryError::column));
        return new Checked(errors.isEmpty() ? registry : null, errors, root);
    }

    /** The parser's own words and position; its context ("while parsing a flow sequence") becomes the hint. */
    public static RegistryError malformed(String label, MarkedYamlEngineException e) {
        Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
        String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
        String hint = null;
        if (e.getContext() != null && e.getContextMark().isPresent()) {
            Mark c = e.getContextMark().get();
            hint = e.getContext().trim() + " started at line " + (c.getLine() + 1) + ", column " + (c.getColumn() + 1);
        }
        return new RegistryError(label, m == null ? 1 : m.getLine() + 1, m == null ? 1 : m.getColumn() + 1, "",
                "malformed YAML: " + what.trim(), hint);
    }

    /**
     * The YAML node tree with positions; throws on malformed YAML. The core schema (not the engine's
     * default JSON schema) so `~` and `Null` mean null, as every other YAML 1.2 reader takes them.
     */
    public static Optional<Node> parse(String label, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setUseMarks(true)
                .setSchema(new org.snakeyaml.engine.v2.schema.CoreSchema()).build();
        return new Compose(settings).composeString(text);
    }
}

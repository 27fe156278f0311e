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
    static final List<String> HOST_KEYS = List.of("ip", "ssh_user", "ssh_port", "ssh_key", "path", "arch", "roles", "description");
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
            Mark m = e.getProblemMark().or(e::getContextMark).orElse(null);
            String what = e.getProblem() != null ? e.getProblem() : e.getMessage();
            return new Checked(null, List.of(new RegistryError(label, m == null ? 1 : m.getLine() + 1,
                    m == null ? 1 : m.getColumn() + 1, "", "malformed YAML: " + what.trim(), null)), null);
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

    /** The YAML node tree with positions; throws on malformed YAML. */
    public static Optional<Node> parse(String label, String text) {
        LoadSettings settings = LoadSettings.builder().setLabel(label).setUseMarks(true).build();
        return new Compose(settings).composeString(text);
    }

    /** Walks the tree once, building records and recording problems. */
    private static final class Walk {
        private final NodeReader r;
        private final Path file;
        private final Map<String, Node> hostKeyNodes = new LinkedHashMap<>();

        Walk(NodeReader r, Path file) {
            this.r = r;
            this.file = file;
        }

        Registry registry(Node root) {
            Map<String, NodeTuple> top = r.entries(root, "", TOP_KEYS);
            if (r.errors().stream().anyMatch(e -> e.field().isEmpty() && e.message().startsWith("expected a mapping"))) {
                return null;
            }
            String domain = top.containsKey("domain") ? r.string(top.get("domain").getValueNode(), "domain") : null;
            Map<String, Host> hosts = new LinkedHashMap<>();
            if (!top.containsKey("hosts")) r.error(root, "hosts", "missing required field", "every registry lists its machines under `hosts:`");
            else for (Map.Entry<String, NodeTuple> e : r.entries(top.get("hosts").getValueNode(), "hosts", null).entrySet()) {
                hostKeyNodes.put(e.getKey(), e.getValue().getKeyNode());
                Host h = host(e.getKey(), e.getValue());
                if (h != null) hosts.put(h.name(), h);
            }
            Map<String, Service> services = new LinkedHashMap<>();
            Map<String, Map<String, NodeTuple>> serviceNodes = new LinkedHashMap<>();
            if (top.containsKey("services") && !NodeReader.isNull(top.get("services").getValueNode())) {
                for (Map.Entry<String, NodeTuple> e : r.entries(top.get("services").getValueNode(), "services", null).entrySet()) {
                    Map<String, NodeTuple> fields = r.entries(e.getValue().getValueNode(), "services." + e.getKey(), SERVICE_KEYS);
                    serviceNodes.put(e.getKey(), fields);
                    Service s = service(e.getKey(), e.getValue().getKeyNode(), fields);
                    if (s != null) services.put(s.name(), s);
                }
            }
            Registry.Dns dns = dns(top.get("dns"));
            Registry.Caddy caddy = caddy(top.get("caddy"));
            new CrossChecks(r, hostKeyNodes.keySet(), serviceNodes, services).run();
            if (caddy != null && caddy.ingressHost() != null && !hostKeyNodes.containsKey(caddy.ingressHost())) {
                Node at = r.entries(top.get("caddy").getValueNode(), "caddy", null).get("ingress_host").getValueNode();
                r.error(at, "caddy.ingress_host", "unknown host '" + caddy.ingressHost() + "'", hostHint(caddy.ingressHost()));
            }
            return new Registry(file, domain, hosts, services, dns, caddy);
        }

        String hostHint(String name) {
            String dym = Suggest.didYouMean(name, hostKeyNodes.keySet());
            return dym != null ? dym : "hosts are: " + String.join(", ", hostKeyNodes.keySet());
        }

        Host host(String name, NodeTuple t) {
            String f = "hosts." + name;
            Map<String, NodeTuple> e = r.entries(t.getValueNode(), f, HOST_KEYS);
            if (!(t.getValueNode() instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) return null;
            String ip = required(e, t.getKeyNode(), f, "ip", "the address portoser connects to, e.g. `ip: 10.0.0.10`");
            String path = required(e, t.getKeyNode(), f, "path", "where service directories live on that host, e.g. `path: /opt/portoser`");
            String user = opt(e, f, "ssh_user");
            Integer port = e.containsKey("ssh_port") ? r.integer(e.get("ssh_port").getValueNode(), f + ".ssh_port", 1, 65535) : null;
            String arch = opt(e, f, "arch");
            if (arch != null && !ARCHES.contains(arch)) {
                r.error(e.get("arch").getValueNode(), f + ".arch", "expected one of " + String.join(", ", ARCHES) + ", got '" + arch + "'",
                        Suggest.didYouMean(arch, ARCHES));
            }
            List<String> roles = e.containsKey("roles") ? names(r.stringList(e.get("roles").getValueNode(), f + ".roles"), f + ".roles") : List.of();
            if (ip != null && ip.isBlank()) r.error(e.get("ip").getValueNode(), f + ".ip", "must not be empty", null);
            return new Host(name, ip, user != null ? user : System.getProperty("user.name"), port != null ? port : Host.DEFAULT_SSH_PORT,
                    opt(e, f, "ssh_key"), path, arch, roles, opt(e, f, "description"));
        }

        Service service(String name, Node keyNode, Map<String, NodeTuple> e) {
            String f = "services." + name;
            String host = required(e, keyNode, f, "current_host", "name the host it runs on, e.g. `current_host: "
                    + hostKeyNodes.keySet().stream().findFirst().orElse("nuc") + "`");
            if (host != null && !hostKeyNodes.containsKey(host)) {
                r.error(e.get("current_host").getValueNode(), f + ".current_host", "unknown host '" + host + "'", hostHint(host));
            }
            String typeText = required(e, keyNode, f, "deployment_type", "one of docker, local, native");
            DeploymentType type = null;
            if (typeText != null) {
                if (DEPLOYMENT_TYPES.contains(typeText)) type = DeploymentType.valueOf(typeText.toUpperCase());
                else r.error(e.get("deployment_type").getValueNode(), f + ".deployment_type",
                        "expected one of docker, local, native, got '" + typeText + "'", Suggest.didYouMean(typeText, DEPLOYMENT_TYPES));
            }
            String compose = opt(e, f, "docker_compose");
            String serviceFile = opt(e, f, "service_file");
            if (type == DeploymentType.DOCKER && compose == null && !e.containsKey("docker_compose")) {
                r.error(keyNode, f + ".docker_compose", "missing required field for deployment_type docker", "e.g. `docker_compose: services/" + name + "/compose.yml`");
            }
            if ((type == DeploymentType.LOCAL || type == DeploymentType.NATIVE) && serviceFile == null && !e.containsKey("service_file")) {
                r.error(keyNode, f + ".service_file", "missing required field for deployment_type " + typeText, "e.g. `service_file: services/" + name + "/service.yml`");
            }
            Integer port = e.containsKey("port") ? r.integer(e.get("port").getValueNode(), f + ".port", 1, 65535) : null;
            String url = opt(e, f, "healthcheck_url");
            if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
                r.error(e.get("healthcheck_url").getValueNode(), f + ".healthcheck_url", "must start with http:// or https://, got '" + url + "'", null);
            }
            HealthCheck hc = e.containsKey("healthcheck") ? healthcheck(e.get("healthcheck").getValueNode(), f + ".healthcheck") : null;
            var interval = e.containsKey("healthcheck_interval") ? r.duration(e.get("healthcheck_interval").getValueNode(), f + ".healthcheck_interval") : null;
            Integer retries = e.containsKey("healthcheck_retries") ? r.integer(e.get("healthcheck_retries").getValueNode(), f + ".healthcheck_retries", 1, 10_000) : null;
            List<String> deps = e.containsKey("dependencies") ? names(r.stringList(e.get("dependencies").getValueNode(), f + ".dependencies"), f) : List.of();
            List<String> tags = e.containsKey("tags") ? names(r.stringList(e.get("tags").getValueNode(), f + ".tags"), f) : List.of();
            return new Service(name, host, type, compose, serviceFile, port, url, hc, interval,
                    retries != null ? retries : Service.DEFAULT_HEALTHCHECK_RETRIES, deps, tags, opt(e, f, "description"));
        }

        HealthCheck healthcheck(Node node, String f) {
            Map<String, NodeTuple> e = r.entries(node, f, HEALTHCHECK_KEYS);
            if (!(node instanceof org.snakeyaml.engine.v2.nodes.MappingNode)) return null;
            if (e.size() != 1) {
                r.error(node, f, "give exactly one of tcp or cmd", "e.g. `healthcheck: {tcp: 8080}` or `healthcheck: {cmd: \"curl -f localhost:8080\"}`");
                return null;
            }
            if (e.containsKey("tcp")) {
                Integer p = r.integer(e.get("tcp").getValueNode(), f + ".tcp", 1, 65535);
                return p == null ? null : HealthCheck.tcp(p);
            }
            String cmd = r.string(e.get("cmd").getValueNode(), f + ".cmd");
            if (cmd == null || cmd.isBlank()) {
                r.error(e.get("cmd").getValueNode(), f + ".cmd", "must not be empty", null);
                return null;
            }
            return HealthCheck.cmd(cmd);
        }

        Registry.Dns dns(NodeTuple t) {
            if (t == null || NodeReader.isNull(t.getValueNode())) return null;
            Map<String, NodeTuple> e = r.entries(t.getValueNode(), "dns", DNS_KEYS);
            return new Registry.Dns(opt(e, "dns", "ingress_ip"));
        }

        Registry.Caddy caddy(NodeTuple t) {
            if (t == null || NodeReader.isNull(t.getValueNode())) return null;
            Map<String, NodeTuple> e = r.entries(t.getValueNode(), "caddy", CADDY_KEYS);
            return new Registry.Caddy(opt(e, "caddy", "ingress_host"), opt(e, "caddy", "admin"));
        }

        String opt(Map<String, NodeTuple> e, String f, String key) {
            return e.containsKey(key) ? r.string(e.get(key).getValueNode(), f + "." + key) : null;
        }

        String required(Map<String, NodeTuple> e, Node owner, String f, String key, String hint) {
            if (!e.containsKey(key) || NodeReader.isNull(e.get(key).getValueNode())) {
                r.error(e.containsKey(key) ? e.get(key).getKeyNode() : owner, f + "." + key, "missing required field", hint);
                return null;
            }
            return r.string(e.get(key).getValueNode(), f + "." + key);
        }

        List<String> names(List<ScalarNode> nodes, String f) {
            List<String> out = new ArrayList<>();
            for (ScalarNode n : nodes) {
                String v = r.string(n, f);
                if (v != null) out.add(v);
            }
            return out;
        }
    }
}

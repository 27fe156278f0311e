package lib.registry;

import static lib.registry.RegistryLoader.ARCHES;
import static lib.registry.RegistryLoader.CADDY_KEYS;
import static lib.registry.RegistryLoader.DEPLOYMENT_TYPES;
import static lib.registry.RegistryLoader.DNS_KEYS;
import static lib.registry.RegistryLoader.HOST_KEYS;
import static lib.registry.RegistryLoader.SERVICE_KEYS;
import static lib.registry.RegistryLoader.TOP_KEYS;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;

/** Walks the tree once, building records and recording problems. */
final class Walk {
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
                // Kept even when not a mapping, so services depending on it get no second, misleading error.
                serviceNodes.put(e.getKey(), fields);
                if (!(e.getValue().getValueNode() instanceof MappingNode)) continue;
                services.put(e.getKey(), service(e.getKey(), e.getValue().getKeyNode(), fields));
            }
        }
        Registry.Dns dns = dns(top.get("dns"));
        Registry.Caddy caddy = caddy(top.get("caddy"));
        new CrossChecks(r, hostKeyNodes.keySet(), serviceNodes, services).run();
        return new Registry(file, domain, hosts, services, dns, caddy);
    }

    String hostHint(String name) {
        String dym = Suggest.didYouMean(name, hostKeyNodes.keySet());
        if (dym != null) return dym;
        return hostKeyNodes.isEmpty() ? "no hosts are defined under `hosts:`" : "hosts are: " + String.join(", ", hostKeyNodes.keySet());
    }

    Host host(String name, NodeTuple t) {
        String f = "hosts." + name;
        Map<String, NodeTuple> e = r.entries(t.getValueNode(), f, HOST_KEYS);
        if (!(t.getValueNode() instanceof MappingNode)) return null;
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
        String dockerStart = opt(e, f, "docker_start_command");
        if (dockerStart != null && dockerStart.isBlank()) {
            r.error(e.get("docker_start_command").getValueNode(), f + ".docker_start_command", "must not be empty",
                    "a shell command run on the host to start its docker daemon, e.g. `docker_start_command: sudo service docker start`; or remove the key");
        }
        return new Host(name, ip, user != null ? user : System.getProperty("user.name"), port != null ? port : Host.DEFAULT_SSH_PORT,
                opt(e, f, "ssh_key"), path, arch, roles, opt(e, f, "description"), dockerStart == null || dockerStart.isBlank() ? null : dockerStart.strip());
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
        if (type == DeploymentType.DOCKER && absent(e, "docker_compose")) {
            r.error(keyNode, f + ".docker_compose", "missing required field for deployment_type docker", "e.g. `docker_compose: services/" + name + "/compose.yml`");
        }
        if ((type == DeploymentType.LOCAL || type == DeploymentType.NATIVE) && absent(e, "service_file")) {
            r.error(keyNode, f + ".service_file", "missing required field for deployment_type " + typeText, "e.g. `service_file: services/" + name + "/service.yml`");
        }
        Integer port = e.containsKey("port") ? r.integer(e.get("port").getValueNode(), f + ".port", 1, 65535) : null;
        String url = opt(e, f, "healthcheck_url");
        if (url != null && !url.startsWith("http://") && !url.startsWith("https://")) {
            r.error(e.get("healthcheck_url").getValueNode(), f + ".healthcheck_url", "must start with http:// or https://, got '" + url + "'", null);
        }
        HealthCheck hc = e.containsKey("healthcheck") ? r.healthcheck(e.get("healthcheck").getValueNode(), f + ".healthcheck") : null;
        if (url != null && e.containsKey("healthcheck")) {
            r.error(e.get("healthcheck").getKeyNode(), f + ".healthcheck", "give either healthcheck_url or healthcheck, not both",
                    "keep the one that proves the service works");
        }
        var interval = e.containsKey("healthcheck_interval") ? r.duration(e.get("healthcheck_interval").getValueNode(), f + ".healthcheck_interval") : null;
        Integer retries = e.containsKey("healthcheck_retries") ? r.integer(e.get("healthcheck_retries").getValueNode(), f + ".healthcheck_retries", 1, 10_000) : null;
        List<String> deps = e.containsKey("dependencies") ? names(r.stringList(e.get("dependencies").getValueNode(), f + ".dependencies"), f + ".dependencies") : List.of();
        List<String> tags = e.containsKey("tags") ? names(r.stringList(e.get("tags").getValueNode(), f + ".tags"), f + ".tags") : List.of();
        return new Service(name, host, type, compose, serviceFile, port, url, hc, interval,
                retries != null ? retries : Service.DEFAULT_HEALTHCHECK_RETRIES, deps, tags, opt(e, f, "description"));
    }

    Registry.Dns dns(NodeTuple t) {
        if (t == null || NodeReader.isNull(t.getValueNode())) return null;
        Map<String, NodeTuple> e = r.entries(t.getValueNode(), "dns", DNS_KEYS);
        return new Registry.Dns(opt(e, "dns", "ingress_ip"));
    }

    Registry.Caddy caddy(NodeTuple t) {
        if (t == null || NodeReader.isNull(t.getValueNode())) return null;
        Map<String, NodeTuple> e = r.entries(t.getValueNode(), "caddy", CADDY_KEYS);
        String ingress = opt(e, "caddy", "ingress_host");
        if (ingress != null && !hostKeyNodes.containsKey(ingress)) {
            r.error(e.get("ingress_host").getValueNode(), "caddy.ingress_host", "unknown host '" + ingress + "'", hostHint(ingress));
        }
        return new Registry.Caddy(ingress, opt(e, "caddy", "admin"));
    }

    String opt(Map<String, NodeTuple> e, String f, String key) {
        return e.containsKey(key) ? r.string(e.get(key).getValueNode(), f + "." + key) : null;
    }

    /** Not given, or given with no value (`docker_compose:`). */
    static boolean absent(Map<String, NodeTuple> e, String key) {
        return !e.containsKey(key) || NodeReader.isNull(e.get(key).getValueNode());
    }

    String required(Map<String, NodeTuple> e, Node owner, String f, String key, String hint) {
        if (absent(e, key)) {
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

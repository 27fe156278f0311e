package lib.registry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The registry as the web API serves it: machines with the services on them, the whole validated registry, and
 * the result of checking a proposed registry text. Plain data, keys in snake_case, nothing read or written.
 */
public final class RegistryJson {
    private RegistryJson() {}

    /** Every machine, in file order. */
    public static List<Map<String, Object>> machines(Registry r) {
        return r.hosts().values().stream().map(h -> machine(r, h)).toList();
    }

    /** One machine: every field, defaults filled in, and the services whose current_host it is. */
    public static Map<String, Object> machine(Registry r, Host h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", h.name());
        m.put("ip", h.ip());
        m.put("ssh_user", h.sshUser());
        m.put("ssh_port", h.sshPort());
        m.put("ssh_key", h.sshKey());
        m.put("path", h.path());
        m.put("arch", h.arch());
        m.put("roles", h.roles());
        m.put("description", h.description());
        m.put("docker_start_command", h.dockerStartCommand());
        m.put("services", r.servicesOn(h.name()).stream().map(Service::name).toList());
        return m;
    }

    /** The whole registry: machines and services keyed by name (as in the file), each as its own route shows it. */
    public static Map<String, Object> registry(Registry r) {
        Map<String, Object> hosts = new LinkedHashMap<>();
        r.hosts().values().forEach(h -> hosts.put(h.name(), machine(r, h)));
        Map<String, Object> services = new LinkedHashMap<>();
        r.services().values().forEach(s -> services.put(s.name(), RegistryView.details(r, s)));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", r.file() == null ? null : r.file().toString());
        m.put("domain", r.domain());
        m.put("hosts", hosts);
        m.put("services", services);
        m.put("dns", r.dns() == null ? null : dns(r.dns()));
        m.put("caddy", r.caddy() == null ? null : caddy(r.caddy()));
        return m;
    }

    private static Map<String, Object> dns(Registry.Dns d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ingress_ip", d.ingressIp());
        return m;
    }

    private static Map<String, Object> caddy(Registry.Caddy c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("ingress_host", c.ingressHost());
        m.put("admin", c.admin());
        return m;
    }

    /** A checked text: valid or not, every problem with its position and its one-line form, and counts when valid. */
    public static Map<String, Object> validation(RegistryLoader.Checked c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("valid", c.ok());
        m.put("problems", c.errors().stream().map(RegistryJson::problem).toList());
        if (c.ok()) {
            m.put("hosts", c.registry().hosts().size());
            m.put("services", c.registry().services().size());
        }
        return m;
    }

    public static Map<String, Object> problem(RegistryError e) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("line", e.line());
        p.put("column", e.column());
        p.put("field", e.field());
        p.put("message", e.message());
        p.put("hint", e.hint());
        p.put("text", e.format());
        return p;
    }
}

package lib.registry;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.util.Table;

/** What `registry list` and `registry show` print: plain data first, text rendered from it. */
public final class RegistryView {
    private RegistryView() {}

    /** One row per service, in file order. */
    public static List<Map<String, Object>> rows(Registry r) {
        return r.services().values().stream().map(s -> {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("service", s.name());
            row.put("host", s.currentHost());
            row.put("type", s.deploymentType().yamlName());
            row.put("port", s.port());
            row.put("dependencies", s.dependencies());
            return row;
        }).toList();
    }

    public static String table(Registry r) {
        Table t = new Table("SERVICE", "HOST", "TYPE", "PORT", "DEPS");
        for (Map<String, Object> row : rows(r)) {
            List<?> deps = (List<?>) row.get("dependencies");
            t.row(row.get("service"), row.get("host"), row.get("type"), row.get("port"),
                    deps.isEmpty() ? "-" : String.join(",", deps.stream().map(Object::toString).toList()));
        }
        return t.render();
    }

    /** Every field of a service, defaults filled in, plus what the registry implies (address, dependents). */
    public static Map<String, Object> details(Registry r, Service s) {
        Host h = r.hosts().get(s.currentHost());
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("current_host", s.currentHost());
        m.put("host_ip", h == null ? null : h.ip());
        m.put("deployment_type", s.deploymentType().yamlName());
        m.put("docker_compose", s.dockerCompose());
        m.put("service_file", s.serviceFile());
        m.put("port", s.port());
        m.put("hostname", r.domain() == null ? null : s.name() + "." + r.domain());
        m.put("healthcheck_url", h == null ? s.healthcheckUrl() : s.healthUrlFor(h));
        m.put("healthcheck", healthcheck(s.healthcheck()));
        m.put("healthcheck_interval", duration(s.healthcheckInterval()));
        m.put("healthcheck_retries", s.healthcheckRetries());
        m.put("dependencies", s.dependencies());
        m.put("dependents", r.services().values().stream().filter(o -> o.dependencies().contains(s.name())).map(Service::name).toList());
        m.put("tags", s.tags());
        m.put("description", s.description());
        return m;
    }

    /** `key: value` lines, keys aligned, absent values as `-`. */
    public static String detailsText(Map<String, Object> details) {
        int width = details.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        StringBuilder sb = new StringBuilder();
        details.forEach((k, v) -> sb.append(String.format("%-" + width + "s %s%n", k + ":", text(v))));
        return sb.toString();
    }

    private static String text(Object v) {
        if (v == null) return "-";
        if (v instanceof List<?> l) return l.isEmpty() ? "-" : String.join(", ", l.stream().map(Object::toString).toList());
        if (v instanceof Map<?, ?> m) return m.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).findFirst().orElse("-");
        return v.toString();
    }

    private static Map<String, Object> healthcheck(HealthCheck hc) {
        if (hc == null) return null;
        Map<String, Object> m = new LinkedHashMap<>();
        if (hc.tcp() != null) m.put("tcp", hc.tcp());
        if (hc.cmd() != null) m.put("cmd", hc.cmd());
        return m;
    }

    /** The registry's own notation: 2s, 500ms, 1m, 1h. */
    static String duration(Duration d) {
        long ms = d.toMillis();
        if (ms % 1000 != 0) return ms + "ms";
        long s = ms / 1000;
        if (s != 0 && s % 3600 == 0) return s / 3600 + "h";
        if (s != 0 && s % 60 == 0) return s / 60 + "m";
        return s + "s";
    }
}

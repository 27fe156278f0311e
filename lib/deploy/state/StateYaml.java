package lib.deploy.state;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;

/**
 * state.yml as text, both ways. Reads compose-farm's short form too (`deployed: {web: nuc}`), so a state file
 * from that tool, or one fixed by hand in an emergency, still loads.
 */
public final class StateYaml {
    static final String HEADER = "# Written by portoser after every deploy. No need to edit it: `portoser refresh` rebuilds it.\n";

    private StateYaml() {}

    public static String render(State state) {
        Map<String, Object> services = new LinkedHashMap<>();
        state.deployed().forEach((name, d) -> services.put(name, fields(d)));
        Dump dump = new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());
        return HEADER + dump.dumpToString(Map.of("deployed", services));
    }

    private static Map<String, Object> fields(Deployed d) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("host", d.host());
        if (!d.images().isEmpty()) m.put("images", new LinkedHashMap<>(d.images()));
        if (d.deployedAt() != null) m.put("deployed_at", d.deployedAt());
        if (d.deployId() != null) m.put("deploy_id", d.deployId());
        return m;
    }

    /** @throws PortoserException (exit 1) naming the file when it is not a state file. */
    public static State parse(String text, String label) {
        Object root;
        try {
            root = new Load(LoadSettings.builder().setLabel(label).build()).loadFromString(text);
        } catch (YamlEngineException e) {
            throw broken(label, e.getMessage().lines().findFirst().orElse("not YAML"));
        }
        if (root == null) return State.EMPTY;
        if (!(root instanceof Map<?, ?> top) || !(top.get("deployed") == null || top.get("deployed") instanceof Map)) {
            throw broken(label, "expected a mapping with `deployed:`");
        }
        Map<String, Deployed> out = new LinkedHashMap<>();
        Map<?, ?> deployed = top.get("deployed") == null ? Map.of() : (Map<?, ?>) top.get("deployed");
        deployed.forEach((k, v) -> out.put(String.valueOf(k), entry(String.valueOf(k), v, label)));
        return new State(out);
    }

    private static Deployed entry(String name, Object v, String label) {
        if (v instanceof String host) return Deployed.on(host);
        if (!(v instanceof Map<?, ?> m) || !(m.get("host") instanceof String host)) {
            throw broken(label, "deployed." + name + ": expected a host name or {host: ...}");
        }
        Map<String, String> images = new LinkedHashMap<>();
        if (m.get("images") instanceof Map<?, ?> im) im.forEach((a, b) -> images.put(String.valueOf(a), String.valueOf(b)));
        return new Deployed(host, images, str(m.get("deployed_at")), str(m.get("deploy_id")));
    }

    private static String str(Object o) { return o == null ? null : o.toString(); }

    private static PortoserException broken(String label, String why) {
        return new PortoserException(ExitCode.FAILED, "cannot read state " + label + ": " + why,
                "rebuild it from what runs on the hosts: portoser refresh");
    }
}

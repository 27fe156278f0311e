package lib.status;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import lib.status.HostProbe.Container;
import lib.status.HostProbe.ServiceProbe;

/** Parses the `@@` lines printed by {@link ProbeScript}; unknown lines are ignored. */
public final class ProbeParser {
    /** The command text of a PID file whose PID was reused by another program. */
    public static final String REUSED = "(PID reused by another program)";
    private ProbeParser() {}

    public static HostProbe parse(String output) {
        double[] load = null;
        Integer cpus = null;
        TreeSet<Integer> listening = new TreeSet<>();
        Map<String, ServiceProbe> services = new LinkedHashMap<>();
        for (String line : output.split("\n")) {
            String[] w = line.trim().split(" ", 3);
            String rest = w.length > 2 ? w[2] : "";
            switch (w[0]) {
                case "@@load" -> load = parseLoad(line.substring(6).trim());
                case "@@cpus" -> cpus = w.length > 1 ? intOrNull(w[1]) : null;
                case "@@listen" -> { for (int i = 1; i < w.length; i++) for (String hex : w[i].split(" ")) addHexPort(listening, hex); }
                case "@@listen-bsd" -> { for (String addr : line.substring(12).trim().split(" ")) addBsdPort(listening, addr); }
                case "@@proc" -> services.put(w[1], proc(rest));
                case "@@ctr" -> services.compute(w[1], (k, p) -> withContainer(p, rest));
                case "@@ctrdone" -> services.compute(w[1], (k, p) -> withContainers(p, p == null || p.containers() == null ? List.of() : p.containers()));
                case "@@ctrerr" -> services.compute(w[1], (k, p) -> { ServiceProbe b = p == null ? ServiceProbe.empty() : p;
                    return new ServiceProbe(b.pid(), b.alive(), b.command(), b.containers(), rest.isEmpty() ? "docker failed" : rest, b.unitState(), b.healthExit()); });
                case "@@unit" -> services.compute(w[1], (k, p) -> { ServiceProbe b = p == null ? ServiceProbe.empty() : p;
                    return new ServiceProbe(b.pid(), b.alive(), b.command(), b.containers(), b.dockerError(), rest.isEmpty() ? "unknown" : rest, b.healthExit()); });
                case "@@hc" -> services.compute(w[1], (k, p) -> { ServiceProbe b = p == null ? ServiceProbe.empty() : p;
                    return new ServiceProbe(b.pid(), b.alive(), b.command(), b.containers(), b.dockerError(), b.unitState(), intOrNull(rest)); });
                default -> { }
            }
        }
        return new HostProbe(load, cpus, listening, services);
    }

    private static ServiceProbe proc(String rest) {
        String[] w = rest.split(" ", 3);
        Integer pid = intOrNull(w[0]);
        String state = w.length > 1 ? w[1] : "nopid";
        // "reused": the PID now belongs to another program, so the service is not running (detail says why).
        String command = state.equals("alive") && w.length > 2 ? w[2] : state.equals("reused") ? REUSED : null;
        return new ServiceProbe(pid == null || pid == 0 ? null : pid, state.equals("nopid") ? null : state.equals("alive"),
                command, null, null, null, null);
    }

    private static ServiceProbe withContainer(ServiceProbe p, String rest) {
        String[] f = rest.split("\\|", 3);
        List<Container> list = new ArrayList<>(p == null || p.containers() == null ? List.of() : p.containers());
        list.add(new Container(f[0], f.length > 1 ? f[1] : "unknown", f.length > 2 ? f[2] : ""));
        return withContainers(p, list);
    }

    private static ServiceProbe withContainers(ServiceProbe p, List<Container> list) {
        ServiceProbe b = p == null ? ServiceProbe.empty() : p;
        return new ServiceProbe(b.pid(), b.alive(), b.command(), List.copyOf(list), b.dockerError(), b.unitState(), b.healthExit());
    }

    private static double[] parseLoad(String s) {
        String[] f = s.trim().split("\\s+");
        if (f.length < 3) return null;
        try {
            return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void addHexPort(TreeSet<Integer> ports, String hex) {
        if (hex.isBlank()) return;
        try {
            ports.add(Integer.parseInt(hex.trim(), 16));
        } catch (NumberFormatException ignored) {
            // not a port field
        }
    }

    /** netstat on BSD/macOS prints `*.8080`, `127.0.0.1.8080` or `::1.8080`: the port follows the last dot. */
    private static void addBsdPort(TreeSet<Integer> ports, String addr) {
        int dot = addr.lastIndexOf('.');
        Integer p = dot < 0 ? null : intOrNull(addr.substring(dot + 1));
        if (p != null) ports.add(p);
    }

    private static Integer intOrNull(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException | NullPointerException e) {
            return null;
        }
    }
}

package lib.status;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** What one host's probe script reported. */
public record HostProbe(double[] load, Integer cpus, Set<Integer> listening, Map<String, ServiceProbe> services) {

    /** Per-service facts; fields that do not apply to the service's deployment type stay null. */
    public record ServiceProbe(Integer pid, Boolean alive, String command, List<Container> containers,
                               String dockerError, String unitState, Integer healthExit) {
        static ServiceProbe empty() { return new ServiceProbe(null, null, null, null, null, null, null); }
    }

    /** One compose container: name, state (running, restarting, exited, paused…) and docker's status text. */
    public record Container(String name, String state, String status) {}
}

package status;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.registry.DeploymentType;
import lib.registry.Service;
import lib.status.HostProbe;
import lib.status.HostProbe.ServiceProbe;
import lib.status.ServiceState;
import lib.status.StatusReport.Health;
import lib.status.StatusReport.ServiceStatus;
import org.junit.jupiter.api.Test;

class ServiceStateTest {
    static Service service(String name, DeploymentType type, Integer port) {
        return new Service(name, "h", type, "c.yml", "s.yml", port, null, null, null, 3, List.of(), List.of(), null);
    }

    static HostProbe probe(Set<Integer> listening, Map<String, ServiceProbe> services) {
        return new HostProbe(null, null, listening, services);
    }

    @Test
    void localProcessStates() {
        Service s = service("api", DeploymentType.LOCAL, 8080);
        ServiceProbe alive = new ServiceProbe(10, true, "java api", null, null, null, null);
        assertEquals("healthy", ServiceState.of(s, probe(Set.of(8080), Map.of("api", alive)), new Health("url", "u", true, "HTTP 200")).state());
        assertEquals("unhealthy", ServiceState.of(s, probe(Set.of(8080), Map.of("api", alive)), new Health("url", "u", false, "HTTP 500")).state());
        assertEquals("starting", ServiceState.of(s, probe(Set.of(), Map.of("api", alive)), null).state());
        assertEquals("running", ServiceState.of(s, probe(Set.of(8080), Map.of("api", alive)), null).state());
        ServiceStatus stale = ServiceState.of(s, probe(Set.of(), Map.of("api", new ServiceProbe(77, false, null, null, null, null, null))), null);
        assertEquals("stopped", stale.state());
        assertEquals("stale PID file: process 77 is gone", stale.detail());
        assertEquals("not started (no PID file)", ServiceState.of(s, probe(Set.of(), Map.of()), null).detail());
    }

    @Test
    void dockerStates() {
        Service s = service("web", DeploymentType.DOCKER, null);
        var running = new ServiceProbe(null, null, null, List.of(new HostProbe.Container("web-1", "running", "Up")), null, null, null);
        var exited = new ServiceProbe(null, null, null, List.of(new HostProbe.Container("web-1", "exited", "Exited (1)")), null, null, null);
        var noDaemon = new ServiceProbe(null, null, null, null, "Cannot connect to the Docker daemon", null, null);
        assertEquals("running", ServiceState.of(s, probe(Set.of(), Map.of("web", running)), null).state());
        assertEquals("stopped", ServiceState.of(s, probe(Set.of(), Map.of("web", exited)), null).state());
        ServiceStatus unknown = ServiceState.of(s, probe(Set.of(), Map.of("web", noDaemon)), null);
        assertEquals("unknown", unknown.state());
        assertEquals("Cannot connect to the Docker daemon", unknown.detail());
    }

    @Test
    void nativeWithoutServiceManagerIsUnknownNotStopped() {
        Service s = service("unit", DeploymentType.NATIVE, null);
        ServiceStatus st = ServiceState.of(s, probe(Set.of(), Map.of("unit", new ServiceProbe(null, null, null, null, null, "nomanager", null))), null);
        assertEquals("unknown", st.state());
        assertTrue(st.detail().contains("no running service manager"));
        assertEquals("stopped", ServiceState.of(s, probe(Set.of(), Map.of("unit", new ServiceProbe(null, null, null, null, null, "inactive", null))), null).state());
    }

    @Test
    void unreachableHostMakesServicesUnknown() {
        ServiceStatus st = ServiceState.unknown(service("api", DeploymentType.LOCAL, 1), "host h unreachable");
        assertEquals("unknown", st.state());
        assertNull(st.running());
    }
}

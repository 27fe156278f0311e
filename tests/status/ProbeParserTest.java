package status;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Set;
import lib.status.HostProbe;
import lib.status.ProbeParser;
import org.junit.jupiter.api.Test;

class ProbeParserTest {
    static final String OUTPUT = """
            @@load 0.52 0.40 0.33
            @@cpus 4
            @@listen 1F90 0016 2283\s
            @@proc api 4242 alive java -jar api.jar --port 8080
            @@proc worker 977 dead
            @@proc cron 0 nopid
            @@proc old 4243 reused
            @@ctr web web-app-1|running|Up 3 minutes
            @@ctr web web-db-1|exited|Exited (1) 2 seconds ago
            @@ctrdone web
            @@ctrdone idle
            @@ctrerr broken Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?
            @@unit nativesvc active
            @@hc api 3
            some noise a login banner printed
            """;

    @Test
    void readsHostFacts() {
        HostProbe p = ProbeParser.parse(OUTPUT);
        assertArrayEquals(new double[] {0.52, 0.40, 0.33}, p.load());
        assertEquals(4, p.cpus());
        assertEquals(Set.of(8080, 22, 8835), p.listening());
    }

    @Test
    void readsProcesses() {
        HostProbe p = ProbeParser.parse(OUTPUT);
        assertEquals(4242, p.services().get("api").pid());
        assertTrue(p.services().get("api").alive());
        assertEquals("java -jar api.jar --port 8080", p.services().get("api").command());
        assertEquals(3, p.services().get("api").healthExit());
        assertFalse(p.services().get("worker").alive());
        assertEquals(977, p.services().get("worker").pid());
        assertNull(p.services().get("cron").alive(), "no PID file means never started, not dead");
        assertFalse(p.services().get("old").alive(), "a reused PID is not the service");
        assertEquals(ProbeParser.REUSED, p.services().get("old").command());
        assertNull(p.services().get("cron").pid());
    }

    @Test
    void readsContainersAndUnits() {
        HostProbe p = ProbeParser.parse(OUTPUT);
        assertEquals(List.of(new HostProbe.Container("web-app-1", "running", "Up 3 minutes"),
                new HostProbe.Container("web-db-1", "exited", "Exited (1) 2 seconds ago")), p.services().get("web").containers());
        assertEquals(List.of(), p.services().get("idle").containers(), "docker answered with no containers");
        assertTrue(p.services().get("broken").dockerError().startsWith("Cannot connect to the Docker daemon"));
        assertEquals("active", p.services().get("nativesvc").unitState());
    }

    @Test
    void readsBsdNetstatPorts() {
        HostProbe p = ProbeParser.parse("@@listen-bsd *.8080 127.0.0.1.5432 ::1.6379 *.*\n");
        assertEquals(Set.of(8080, 5432, 6379), p.listening());
    }

    @Test
    void survivesEmptyOrTruncatedOutput() {
        HostProbe p = ProbeParser.parse("");
        assertNull(p.load());
        assertTrue(p.listening().isEmpty());
        assertNull(ProbeParser.parse("@@load 0.1\n").load());
    }
}

package diagnose;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.Map;
import lib.diagnose.Diagnoser;
import lib.diagnose.Problem;
import lib.observe.ObserveParser;
import lib.observe.ObserveTarget;
import lib.registry.DeploymentType;
import org.junit.jupiter.api.Test;

/**
 * A stopped docker daemon, from the observe script's lines to the diagnosis: the problem says how it will be started
 * (the host's registry docker_start_command, else what the host's init offers) and its hint names that exact command.
 * Pure: captured script output, no host.
 */
class DockerStartDiagnosisTest {
    static final String DOWN = "@@daemon down|Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?";

    static Problem diagnose(String output, String configured) {
        ObserveTarget t = new ObserveTarget("nuc", "web", DeploymentType.DOCKER, "/srv", "/srv/web", "/srv/.portoser/run/web.pid",
                "/srv/.portoser/run/web.meta", null, "web", List.of(), configured);
        List<Problem> ps = Diagnoser.diagnose(ObserveParser.parse(t, output, "2026-01-01T00:00:00Z"), "web").problems();
        assertEquals(List.of("docker_daemon_down"), ps.stream().map(Problem::fingerprint).toList());
        return ps.get(0);
    }

    @Test
    void theHostsDockerStartCommandIsWhatTheFixWillRun() {
        Problem p = diagnose("@@dinit systemd\n" + DOWN + "\n", "sudo /opt/bin/start-docker");
        assertEquals("sudo /opt/bin/start-docker", p.details().get("start_command"));
        assertEquals("systemd", p.details().get("init"));
        assertEquals("start it with the host's docker_start_command: sudo /opt/bin/start-docker, then check: docker info", p.hint());
    }

    @Test
    void withoutOneTheHostsInitSystemIsNamedAndNothingIsGuessed() {
        assertEquals("start it: systemctl start docker, then check: docker info", diagnose("@@dinit systemd\n" + DOWN, null).hint());
        Problem service = diagnose("@@dinit service\n" + DOWN, null);
        assertEquals("start it: service docker start, then check: docker info", service.hint());
        assertFalse(service.details().containsKey("start_command"));
        assertTrue(diagnose("@@dinit none\n" + DOWN, null).hint().startsWith("start dockerd by hand (no systemd or init script on nuc), "
                + "or set docker_start_command on host nuc in the registry"));
    }

    @Test
    void aRunningDaemonCarriesNoStartFacts() {
        ObserveTarget t = new ObserveTarget("nuc", "web", DeploymentType.DOCKER, "/srv", "/srv/web", "/p", "/m", null, "web", List.of(), "x");
        var obs = ObserveParser.parse(t, "@@daemon ok|24.0.7\n", "ts");
        assertEquals(Map.of("state", "ok", "detail", "24.0.7", "line", "@@daemon ok|24.0.7"), obs.get(0).facts());
    }
}

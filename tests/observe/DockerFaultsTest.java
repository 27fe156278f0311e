package observe;

import static observe.FaultHosts.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.util.List;
import lib.diagnose.Diagnosis;
import lib.diagnose.Problem;
import lib.registry.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Docker faults on host 2's own dockerd: a container that exits non-zero (unmatched), the daemon stopped. */
class DockerFaultsTest {
    static TestHosts hosts;
    static Registry registry;

    @BeforeAll
    static void hosts() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, 2);
        Files.writeString(hosts.dir().resolve("dk9-compose.yml"), "services:\n  web:\n    image: " + TestHosts.IMAGE_V1 + "\n");
        registry = registry(hosts, "fault-docker", "",
                "  dk9: {current_host: h2, deployment_type: docker, docker_compose: dk9-compose.yml}\n");
    }

    @Test
    void aContainerThatExitedNonZeroIsUnmatchedWithItsRawLine() throws Exception {
        hosts.docker(2, "run", "-d", "--name", "dk9-web-1", "--label", "com.docker.compose.project=dk9", TestHosts.IMAGE_V1, "sh", "-c", "exit 3");
        try {
            hosts.docker(2, "wait", "dk9-web-1");
            Diagnosis d = diagnose(registry, "dk9");
            List<Problem> ps = only(d, Problem.UNMATCHED);
            assertEquals(1, ps.size(), d::toString);
            assertTrue(ps.get(0).summary().contains("dk9-web-1 exited with code 3"), ps.get(0).summary());
            assertTrue(ps.get(0).evidence().get(0).excerpt().startsWith("@@ctr dk9-web-1|exited|Exited (3)"), ps.get(0).evidence()::toString);
        } finally {
            hosts.docker(2, "rm", "-f", "dk9-web-1");
        }
    }

    @Test
    void aStoppedDockerdIsDockerDaemonDown() throws Exception {
        hosts.dockerDown(2);
        try {
            Diagnosis d = diagnose(registry, "dk9");
            List<Problem> ps = only(d, "docker_daemon_down");
            assertEquals(1, ps.size(), d::toString);
            assertTrue(ps.get(0).evidence().get(0).excerpt().startsWith("@@daemon down|"), ps.get(0).evidence()::toString);
            assertEquals(0.95, ps.get(0).confidence(), ps.get(0).summary());
        } finally {
            hosts.dockerUp(2);
        }
    }
}

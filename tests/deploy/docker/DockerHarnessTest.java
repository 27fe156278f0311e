package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import lib.exec.Executor;
import lib.exec.Result;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's per-host dockerd: SSH sessions reach their own host's daemon, published ports answer on its address. */
class DockerHarnessTest {
    static TestHosts hosts;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, 1);
    }

    @Test
    void sshSessionsTalkToTheirHostsDaemonAndPortsAnswerOnItsAddress(@TempDir Path home) throws Exception {
        Registry reg = RegistryLoader.load(hosts.registry());
        String name = "harness-probe-" + ProcessHandle.current().pid();
        try (Executor ex = new Executor(DockerHosts.options(hosts, home))) {
            Result env = ex.run(reg.hosts().get("h1"), "echo $DOCKER_HOST; docker image ls --format '{{.Repository}}:{{.Tag}}' | sort");
            assertEquals(hosts.dockerHost(1) + "\n" + TestHosts.IMAGE_V1 + "\n" + TestHosts.IMAGE_V2 + "\n", env.stdout(), env::toString);
            Result run = ex.run(reg.hosts().get("h1"), "docker run -d --name " + name + " -p 18080:80 " + TestHosts.IMAGE_V2);
            assertTrue(run.ok(), run::toString);
            try {
                assertEquals("2\n", DockerHosts.httpGet("http://" + hosts.ip(1) + ":18080/version"));
            } finally {
                hosts.docker(1, "rm", "-f", name);
            }
            hosts.dockerDown(2); // other test classes may have started h2's daemon on these shared hosts
            Result none = ex.run(reg.hosts().get("h2"), "docker ps");
            assertFalse(none.ok(), "h2 has no daemon running");
            assertTrue(none.stderr().contains("Cannot connect"), none::toString);
        }
    }
}

package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import java.util.List;
import lib.deploy.DeployTarget;
import lib.deploy.docker.DockerRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A named volume's data survives restart, stop + deploy, and down + deploy; nothing the runner does removes it. */
class DockerVolumesTest {
    static TestHosts hosts;
    @TempDir
    static Path root;
    static DockerFixture fx;
    final DockerRunner runner = new DockerRunner();

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, 1);
        fx = new DockerFixture(hosts, root);
    }

    @AfterAll
    static void close() {
        if (fx != null) fx.close();
    }

    static final String COMPOSE = """
            services:
              db:
                image: portoser-test/busybox:1
                command: ["sh", "-c", "trap 'exit 0' TERM; sleep 3600 & wait"]
                volumes:
                  - data:/data
            volumes:
              data: {}
            """;

    private String read(String container) { return hosts.docker(1, "exec", container, "cat", "/data/kept"); }

    private boolean volumeListed() { return List.of(hosts.docker(1, "volume", "ls", "-q").split("\n")).contains("vol1_data"); }

    @Test
    void dataInANamedVolumeSurvivesEveryLifecycleStep() throws Exception {
        fx.service("vol1", COMPOSE);
        DeployTarget t = fx.target("vol1", 1, null);
        runner.sync(t);
        String ctr = runner.up(t).images().keySet().iterator().next();
        hosts.docker(1, "exec", ctr, "sh", "-c", "echo precious > /data/kept");

        runner.restart(t);
        assertEquals("precious", read(ctr), "after restart (force-recreate)");

        runner.stop(t);
        assertFalse(runner.isRunning(t));
        assertTrue(volumeListed(), "stop keeps the volume");
        runner.sync(t);
        runner.up(t);
        assertTrue(runner.isRunning(t));
        assertEquals("precious", read(ctr), "after stop + deploy");

        runner.stop(t);
        runner.start(t);
        assertEquals("precious", read(ctr), "after stop + start");

        runner.down(t);
        assertTrue(volumeListed(), "plain down keeps the volume");
        runner.up(t);
        assertEquals("precious", read(ctr), "after down + deploy");
        runner.down(t);
    }
}

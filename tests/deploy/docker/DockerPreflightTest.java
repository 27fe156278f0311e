package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import lib.deploy.DeployException;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.docker.DockerRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Preflight on real hosts refuses with a hint and changes nothing; a failing `up` carries the evidence. */
class DockerPreflightTest {
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

    static Map<String, PreflightProblem> byCheck(List<PreflightProblem> ps) {
        return ps.stream().collect(Collectors.toMap(PreflightProblem::check, p -> p, (a, b) -> a));
    }

    /** Nothing of the service exists on host 1: no synced folder, no containers, no volumes, no networks. */
    private void assertUntouched(DeployTarget t, String project) {
        assertFalse(Files.exists(Path.of(t.remoteDir())), t.remoteDir());
        assertEquals("", hosts.docker(1, "ps", "-aq", "--filter", "label=com.docker.compose.project=" + project));
        assertEquals("", hosts.docker(1, "volume", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project));
        assertEquals("", hosts.docker(1, "network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + project));
    }

    @Test
    void refusesAMissingBindMountDirAndAPortHeldByAnotherProcess() throws Exception {
        fx.service("pre1", "services:\n  web:\n    image: portoser-test/busybox:1\n    ports: [\"18201:80\"]\n"
                + "    volumes:\n      - /srv/portoser-missing-dir:/www\n      - ./conf:/conf\n      - data:/data\nvolumes:\n  data: {}\n");
        DeployTarget t = fx.target("pre1", 1, 18201);
        Process listener = new ProcessBuilder("ip", "netns", "exec", hosts.namespace(1), "busybox", "nc", "-l", "-p", "18201")
                .redirectErrorStream(true).start();
        try {
            waitListening(18201);
            Map<String, PreflightProblem> ps = byCheck(runner.preflight(t));
            assertEquals(java.util.Set.of("bind_mount", "port"), ps.keySet(), ps::toString);
            assertEquals("bind-mount source /srv/portoser-missing-dir does not exist", ps.get("bind_mount").message());
            assertEquals("port 18201 is in use by busybox (pid " + listener.pid() + ")", ps.get("port").message());
            assertNotNull(ps.get("port").hint());
            assertUntouched(t, "pre1");
        } finally {
            listener.destroy();
            listener.waitFor();
        }
    }

    @Test
    void aPortPublishedByAnotherServiceIsNamedAndItsOwnContainerIsNoConflict() throws Exception {
        String compose = "services:\n  web:\n    image: portoser-test/busybox:1\n    ports: [\"18202:80\"]\n";
        fx.service("pre2", compose);
        fx.service("pre3", compose);
        DeployTarget owner = fx.target("pre2", 1, 18202), other = fx.target("pre3", 1, 18202);
        runner.sync(owner);
        runner.up(owner);
        try {
            assertEquals(List.of(), runner.preflight(owner), "a port held by the service itself is not a conflict");
            List<PreflightProblem> ps = runner.preflight(other);
            assertEquals(1, ps.size(), ps::toString);
            assertEquals("port 18202 is published by container pre2_web_1 (compose project pre2)", ps.get(0).message());
            assertUntouched(other, "pre3");
        } finally {
            runner.down(owner);
        }
    }

    @Test
    void aHostWithoutARunningDaemonAndAMissingComposeFileAreReported() throws Exception {
        hosts.dockerDown(2); // a stopped daemon, whatever earlier test classes started on these shared hosts
        DeployTarget t = fx.target("pre4", 2, null); // pre4/compose.yml was never written
        Map<String, PreflightProblem> ps = byCheck(runner.preflight(t));
        assertEquals(java.util.Set.of("compose_file", "docker_daemon"), ps.keySet(), ps::toString);
        assertTrue(ps.get("docker_daemon").message().contains("Cannot connect to the Docker daemon"), ps.get("docker_daemon")::format);
        assertTrue(ps.get("compose_file").message().contains("pre4/compose.yml"), ps.get("compose_file")::format);
    }

    @Test
    void aFailingUpCarriesComposesErrorAndTheLogTail() throws Exception {
        fx.service("pre5", "services:\n  web:\n    image: portoser-test/busybox:1\n    volumes:\n"
                + "      - type: bind\n        source: /srv/portoser-nowhere\n        target: /x\n");
        DeployTarget t = fx.target("pre5", 1, null);
        runner.sync(t);
        DeployException e = assertThrows(DeployException.class, () -> runner.up(t));
        assertTrue(e.getMessage().startsWith("pre5@h1: compose up failed (exit 1"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertNotNull(e.hint());
        assertTrue(e.logTail().contains("/srv/portoser-nowhere"), e.logTail());
        assertTrue(e.logTail().lines().count() <= 50, e.logTail());
        runner.down(t);
    }

    private void waitListening(int port) throws Exception {
        for (int i = 0; i < 50; i++) {
            if (hosts.exec(1, "sh", "-c", "ss -Hltn 'sport = :" + port + "'").contains(":" + port)) return;
            Thread.sleep(100);
        }
        fail("nothing listens on " + port);
    }
}

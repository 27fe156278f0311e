package patterns;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import java.util.Map;
import lib.registry.Host;
import lib.solve.Outcome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker_daemon_down on harness host 2 with its dockerd really stopped. The harness daemon is not a systemd unit, so
 * the test configures a control_start_command, as a user would for a daemon started from outside its host: hosts.sh
 * docker-up I, run on this machine (an SSH session of the host lives in sshd's mount namespace, where `ip netns
 * exec` remounted /sys and hid the cgroup mounts dockerd needs, so the harness starts its daemons from outside).
 * The wait and the checks still go to the host over SSH.
 */
class DockerDaemonDownTest {
    static final int H = 2;
    static TestHosts hosts;
    @TempDir Path home;
    final docker_daemon_down pattern = new docker_daemon_down();

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, H);
    }

    static String startCommand() {
        Path script = Path.of(System.getProperty("portoser.root", ".")).resolve("tests/harness/hosts.sh").toAbsolutePath();
        return "bash " + script + " docker-up " + H + " --name " + TestHosts.PREFIX + " --dir " + hosts.dir();
    }

    @Test
    void aConfiguredStartCommandWinsThenSystemdElseNothingIsGuessed() {
        assertEquals("svc docker start", docker_daemon_down.startCommand("svc docker start", "vm-start", "systemd"));
        assertEquals("vm-start", docker_daemon_down.startCommand(null, "vm-start", "systemd"));
        assertEquals("systemctl start docker", docker_daemon_down.startCommand(null, null, "systemd"));
        assertNull(docker_daemon_down.startCommand(null, null, "init"));
    }

    @Test
    void aStoppedDaemonIsStartedAndAnswersOverSsh() {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            var problem = HarnessHost.problem("docker_daemon_down", host, Map.of("control_start_command", startCommand(), "max_wait_ms", 30000));
            hosts.dockerDown(H);
            try {
                assertFalse(h.executor.run(host, docker_daemon_down.INFO).ok(), "the daemon is down");
                Outcome dry = pattern.solve(problem, h.ctx(host, true));
                assertEquals(Outcome.Status.RETRY, dry.status());
                assertEquals(2, dry.actions().size());
                assertTrue(dry.actions().stream().noneMatch(a -> a.done()));
                assertFalse(h.executor.run(host, docker_daemon_down.INFO).ok(), "dry run starts nothing");

                Outcome o = pattern.solve(problem, h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, o.status(), o.message());
                assertTrue(o.actions().stream().allMatch(a -> a.done()), o.actions()::toString);
                assertTrue(h.executor.run(host, "docker info --format '{{.ServerVersion}}'").ok(), "docker info answers over SSH");

                Outcome again = pattern.solve(problem, h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, again.status());
                assertTrue(again.actions().isEmpty(), "second solve takes no action");
            } finally {
                hosts.dockerUp(H);
            }
        }
    }

    @Test
    void aDaemonThatNeverAnswersGivesUpWithTheLastError() {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            hosts.dockerDown(H);
            try {
                long t0 = System.nanoTime();
                Outcome o = pattern.solve(HarnessHost.problem("docker_daemon_down", host, Map.of("start_command", "true", "max_wait_ms", 1500)),
                        h.ctx(host, false));
                long ms = (System.nanoTime() - t0) / 1_000_000;
                assertEquals(Outcome.Status.GAVE_UP, o.status(), o.message());
                assertTrue(o.message().contains("still does not answer after 1500 ms; last error: Cannot connect to the Docker daemon"), o.message());
                assertTrue(ms < 15_000, "took " + ms + " ms");
            } finally {
                hosts.dockerUp(H);
            }
        }
    }
}

package patterns;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.registry.Host;
import lib.solve.Outcome;
import java.time.Clock;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.solve.Action;
import lib.solve.Attempts;
import lib.solve.CircuitBreaker;
import lib.solve.Solver;
import lib.solve.Steps;
import lib.standardize.Learner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker_daemon_down on harness host 2 with its dockerd really stopped. The harness daemon is not a systemd unit, so
 * the tests configure how to start it: the host's registry `docker_start_command` (run in an SSH session of the host:
 * {@link TestHosts#dockerStartCommand}, which first mounts the cgroup hierarchy `ip netns exec` hid from sshd), or a
 * control_start_command run on this machine (hosts.sh docker-up I), as a user would for a daemon started from outside
 * its host. The wait and the checks always go to the host over SSH.
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
    void aConfiguredStartCommandWinsThenTheHostsInitSystemElseNothingIsGuessed() {
        assertEquals("svc docker start", docker_daemon_down.startCommand("svc docker start", "vm-start", "systemd"));
        assertEquals("vm-start", docker_daemon_down.startCommand(null, "vm-start", "systemd"));
        assertEquals("systemctl start docker", docker_daemon_down.startCommand(null, null, "systemd"));
        assertEquals("service docker start", docker_daemon_down.startCommand(null, null, "service"));
        assertNull(docker_daemon_down.startCommand(null, null, "none"));
        assertNull(docker_daemon_down.startCommand(null, null, "init"));
    }

    /** The probe the pattern (and observe) run to learn what the host offers; here: no systemd PID 1. */
    @Test
    void theHostsInitIsProbedOverSsh() {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            String init = h.executor.run(host, lib.observe.ObserveScript.DOCKER_INIT).stdout().strip();
            String expect = h.executor.run(host, "[ -x /etc/init.d/docker ] && command -v service >/dev/null && echo service || echo none").stdout().strip();
            assertEquals(expect, init, "PID 1 of a harness host is not systemd");
        }
    }

    /**
     * No start_command in the problem: the host's registry `docker_start_command` is the one run, on the host over
     * SSH (the harness's SSH-side start, {@link TestHosts#dockerStartCommand}), and the daemon answers.
     */
    @Test
    void theHostsDockerStartCommandFromTheRegistryIsRunOnTheHost() {
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host plain = h.host(H, null);
            Host host = new Host(plain.name(), plain.ip(), plain.sshUser(), plain.sshPort(), plain.sshKey(), plain.path(), plain.arch(),
                    plain.roles(), plain.description(), hosts.dockerStartCommand(H));
            hosts.dockerDown(H);
            try {
                Outcome o = pattern.solve(HarnessHost.problem("docker_daemon_down", host, Map.of("max_wait_ms", 30000)), h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, o.status(), o.message());
                assertEquals(List.of(docker_daemon_down.ON_HOST, docker_daemon_down.WAIT), keys(o.actions()));
                assertTrue(o.actions().get(0).description().endsWith(hosts.dockerStartCommand(H)), o.actions()::toString);
                assertTrue(h.executor.run(host, INFO_CMD).ok(), "docker info answers over SSH");
            } finally {
                hosts.dockerUp(H);
            }
        }
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

    @Test
    void bothConfiguredAreAlternativesAndAPlaybookPutsTheOneThatWorkedFirst() {
        assertEquals(List.of(docker_daemon_down.ON_HOST, docker_daemon_down.FROM_CONTROL),
                keys(docker_daemon_down.starts("svc docker start", "vm-start", "systemd")), "systemd is never guessed next to a configured command");
        assertEquals(List.of(docker_daemon_down.WITH_SYSTEMD), keys(docker_daemon_down.starts(null, null, "systemd")));
        var led = Steps.preferRecorded(docker_daemon_down.starts("svc docker start", "vm-start", "init"),
                List.of(docker_daemon_down.FROM_CONTROL + ": other-vm-start", docker_daemon_down.WAIT + ": up to 30000 ms"));
        assertEquals(List.of(docker_daemon_down.FROM_CONTROL, docker_daemon_down.ON_HOST), keys(led.plan()));
        assertEquals(List.of(docker_daemon_down.FROM_CONTROL), led.recorded());
    }

    static List<String> keys(List<Action> actions) { return actions.stream().map(a -> Steps.key(a.description())).toList(); }

    /**
     * The daemon really down twice, with a broken start_command on the host (it leaves a marker, then fails) and the
     * harness's control_start_command. Without a playbook the host's command runs first, fails, and the control
     * machine's starts the daemon; the real Learner records that; with the playbook, through the solver, the control
     * machine's command goes first and the broken one never runs (no marker).
     */
    @Test
    void aRecordedPlaybookSkipsTheBrokenStartCommand() {
        String marker = "/tmp/" + TestHosts.PREFIX + "-docker-start-tried";
        String broken = "touch " + marker + "; echo 'docker: unrecognized service' >&2; exit 1";
        KnowledgeDir kb = new KnowledgeDir(home.resolve("knowledge"));
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, null);
            var problem = HarnessHost.problem("docker_daemon_down", host,
                    Map.of("start_command", broken, "control_start_command", startCommand(), "max_wait_ms", 30000));
            h.executor.run(host, "rm -f " + marker);
            hosts.dockerDown(H);
            try {
                Outcome plain = pattern.solve(problem, h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, plain.status(), plain.message());
                assertEquals(List.of(docker_daemon_down.ON_HOST, docker_daemon_down.FROM_CONTROL, docker_daemon_down.WAIT), keys(plain.actions()));
                assertFalse(plain.actions().get(0).done(), "the host's command failed");
                assertTrue(plain.message().contains("unrecognized service"), plain.message());
                assertTrue(h.executor.run(host, "test -e " + marker).ok(), "without a playbook the host's command ran");
                assertTrue(h.executor.run(host, INFO_CMD).ok());

                new Learner(kb, Clock.systemUTC()).record(problem, plain, "deploy-1", true);
                assertEquals(List.of(docker_daemon_down.FROM_CONTROL, docker_daemon_down.WAIT),
                        KnowledgeBase.load(kb).stepsFor("docker_daemon_down", "web", host.name()).stream().map(Steps::key).toList());

                h.executor.run(host, "rm -f " + marker);
                hosts.dockerDown(H);
                Solver solver = new Solver(Map.of("docker_daemon_down", pattern), List.of(), new CircuitBreaker(home), KnowledgeBase.load(kb));
                Outcome led = solver.solve(problem, h.ctx(host, false), new Attempts(3));
                assertEquals(Outcome.Status.RETRY, led.status(), led.message());
                assertTrue(led.message().startsWith("trying the recorded playbook first: " + docker_daemon_down.FROM_CONTROL + " — "), led.message());
                assertEquals(List.of(docker_daemon_down.FROM_CONTROL, docker_daemon_down.WAIT), keys(led.actions()));
                assertFalse(h.executor.run(host, "test -e " + marker).ok(), "with the playbook the broken command never ran");
                assertTrue(h.executor.run(host, INFO_CMD).ok(), "docker info answers over SSH");
            } finally {
                hosts.dockerUp(H);
                h.executor.run(host, "rm -f " + marker);
            }
        }
    }

    static final String INFO_CMD = "docker info --format '{{.ServerVersion}}'";
}

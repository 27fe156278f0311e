package deploy.local;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import lib.deploy.DeployException;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.local.LocalRunner;
import lib.deploy.local.LogRotation;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.status.HostProbe;
import lib.status.ProbeParser;
import lib.status.ProbeScript;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local runner on real namespace hosts over SSH, with real processes: detached start, PID and log files where
 * `status` looks, restart, TERM-then-KILL, stale PID files (dead and reused), rotation, env, preflight.
 */
class LocalRunnerTest {
    static final LocalRunner.Settings FAST = new LocalRunner.Settings(Duration.ofSeconds(1), LogRotation.DEFAULT_MAX_BYTES,
            LogRotation.DEFAULT_KEEP, Duration.ofMillis(300));
    static LocalFixture fx;
    final LocalRunner runner = new LocalRunner(FAST);

    @BeforeAll
    static void services() throws IOException {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        fx = new LocalFixture("deploy-local");
        Path web = fx.service("web", 1, "port: 18080", "start: busybox httpd -f -p 18080 -h www\nhealthcheck: {tcp: 18080}\n");
        Files.createDirectories(web.resolve("www"));
        Files.writeString(web.resolve("www/index.html"), "hello from web\n");
        fx.service("stubborn", 1, "", "start: trap '' TERM; echo ignoring TERM; while :; do sleep 0.2; done\n");
        fx.service("sleeper", 2, "", "start: exec sleep 600\n");
        fx.service("crash", 2, "", "start: echo boom >&2; exit 3\n");
        Path envy = fx.service("envy", 3, "", """
                start: echo "A=$A B=$B C=$C dir=$(pwd)"; exec sleep 600
                working_dir: app
                env_file: app/.env
                env: {B: from-yaml, C: "it's"}
                """);
        Files.createDirectories(envy.resolve("app"));
        Files.writeString(envy.resolve("app/.env"), "A=from-file\nB=from-file\n");
        fx.service("held", 2, "port: 18090", "start: busybox httpd -f -p 18090\n");
        fx.service("rotating", 3, "", "start: exec sleep 600\n");
        fx.service("hooks", 3, "", "start: exec sleep 600\nstop: echo stop-ran > stopped.txt\nrestart: echo reload-ran >> reloaded.txt\n");
    }

    @AfterAll
    static void close() throws IOException {
        if (fx == null) return;
        for (String s : List.of("web", "stubborn", "sleeper", "envy", "held", "rotating", "hooks")) {
            try {
                new LocalRunner(FAST).stop(fx.target(s));
            } catch (RuntimeException ignored) {
                // best effort: the test already failed
            }
        }
        fx.close();
    }

    static Path pidFile(DeployTarget t) { return Path.of(t.pidFile()); }

    @Test
    void upStartsADetachedProcessThatStatusSeesAndThatOutlivesTheSshSession() throws Exception {
        DeployTarget t = fx.target("web");
        runner.sync(t);
        try (Executor other = new Executor(fx.executor.options())) {
            DeployTarget viaOther = new DeployTarget(t.registry(), t.service(), t.host(), other, t.localDir(), t.remoteDir(), t.listener());
            runner.up(viaOther);
        } // that SSH connection is closed now
        int pid = ProcFiles.readPid(pidFile(t));
        assertEquals(String.valueOf(pid), Files.readString(pidFile(t)).strip(), "the PID file holds only the PID");
        assertTrue(Files.readString(Path.of(t.pidFile().replace(".pid", ".meta"))).startsWith("start="));
        Thread.sleep(300);
        assertTrue(ProcFiles.alive(pid), "survives the end of the SSH session that started it");
        assertTrue(Files.readString(Path.of(t.logFile())).contains("--- portoser "), "log file written");
        assertFalse(fx.hosts.exec(1, "ss", "-Hltn", "sport = :18080").isBlank(), "listening inside h1's namespace");
        assertTrue(fx.hosts.exec(2, "ss", "-Hltn", "sport = :18080").isBlank(), "and only there");
        assertTrue(get(fx.hosts.ip(1), 18080).contains("hello from web"));
        HostProbe probe = ProbeParser.parse(fx.executor.run(t.host(), ProbeScript.build(t.host(), List.of(t.service()))).stdout());
        assertEquals(pid, probe.services().get("web").pid());
        assertTrue(probe.services().get("web").alive(), "status sees it alive");
        assertTrue(runner.isRunning(t));
        assertEquals(List.of(), runner.preflight(t), "its own process holding its port is not a conflict");

        runner.restart(t);
        int again = ProcFiles.readPid(pidFile(t));
        assertNotEquals(pid, again, "restart gives a new process");
        assertFalse(ProcFiles.alive(pid));
        assertTrue(ProcFiles.alive(again));

        runner.stop(t);
        assertFalse(Files.exists(pidFile(t)), "stop removes the PID file");
        assertFalse(ProcFiles.alive(again));
        assertFalse(runner.isRunning(t));
        assertTrue(fx.hosts.exec(1, "ss", "-Hltn", "sport = :18080").isBlank(), "the port is free again");
    }

    static String get(String ip, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 2000);
            s.setSoTimeout(5000);
            s.getOutputStream().write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void stopKillsAProcessThatIgnoresTermWithinTheBound() throws Exception {
        DeployTarget t = fx.target("stubborn");
        runner.sync(t);
        runner.up(t);
        int pid = ProcFiles.readPid(pidFile(t));
        Thread.sleep(300); // let the trap be set before TERM arrives
        long start = System.nanoTime();
        runner.stop(t);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertFalse(ProcFiles.alive(pid));
        assertTrue(ms >= 1000, "TERM was given its grace, took " + ms + " ms");
        assertTrue(ms < 4000, "KILL followed within the bound, took " + ms + " ms");
        assertTrue(fx.said().contains("pid " + pid + " ignored TERM for 1s: killed"), fx::said);
        assertFalse(Files.exists(pidFile(t)));
    }

    @Test
    void aPidFileOfAProcessThatIsGoneIsStaleAndCleanedOnStart() throws Exception {
        DeployTarget t = fx.target("sleeper");
        runner.sync(t);
        long dead = ProcFiles.deadPid();
        writePidFile(t, dead, "start=12345\n");
        assertFalse(runner.isRunning(t));
        runner.start(t);
        assertTrue(fx.said().contains("stale PID file: process " + dead + " is gone; removed it, nothing was killed"), fx::said);
        int pid = ProcFiles.readPid(pidFile(t));
        assertNotEquals(dead, pid);
        assertTrue(runner.isRunning(t));
        runner.stop(t);
    }

    @Test
    void aReusedPidBelongsToAnotherProgramAndIsNeverKilled() throws Exception {
        DeployTarget t = fx.target("sleeper");
        Process foreign = new ProcessBuilder("sleep", "300").start();
        try {
            writePidFile(t, foreign.pid(), "start=1\ncommand=exec sleep 600\n"); // recorded start time differs
            assertFalse(runner.isRunning(t));
            runner.stop(t);
            assertTrue(foreign.isAlive(), "the foreign process is not killed");
            assertFalse(Files.exists(pidFile(t)), "the stale PID file is removed");
            assertTrue(fx.said().contains("stale PID file: PID " + foreign.pid() + " now belongs to another program (`sleep 300`"), fx::said);

            writePidFile(t, foreign.pid(), null); // no sidecar: nothing proves the PID is ours
            assertFalse(runner.isRunning(t));
            runner.stop(t);
            assertTrue(foreign.isAlive(), "not killed without proof either");
            assertTrue(fx.said().contains("has no start-time record beside it"), fx::said);
        } finally {
            foreign.destroyForcibly();
        }
    }

    static void writePidFile(DeployTarget t, long pid, String meta) throws IOException {
        Files.createDirectories(pidFile(t).getParent());
        Files.writeString(pidFile(t), pid + "\n");
        Path side = Path.of(t.pidFile().replace(".pid", ".meta"));
        if (meta == null) Files.deleteIfExists(side);
        else Files.writeString(side, meta);
    }

    @Test
    void envFileEnvAndWorkingDirReachTheProcess() throws Exception {
        DeployTarget t = fx.target("envy");
        runner.sync(t);
        runner.up(t);
        String log = waitForLog(t, "A=");
        assertTrue(log.contains("A=from-file B=from-yaml C=it's dir=" + t.remoteDir() + "/app"), log);
        runner.stop(t);
    }

    String waitForLog(DeployTarget t, String text) throws InterruptedException {
        String log = "";
        for (int i = 0; i < 50 && !log.contains(text); i++) {
            log = runner.logs(t, 5);
            Thread.sleep(100);
        }
        return log;
    }

    @Test
    void aCommandThatExitsAtOnceFailsWithItsLogAndLeavesNoPidFile() throws Exception {
        DeployTarget t = fx.target("crash");
        runner.sync(t);
        DeployException e = assertThrows(DeployException.class, () -> runner.up(t));
        assertEquals("crash exited right after it started on h2", e.getMessage());
        assertTrue(e.logTail().contains("boom"), e.logTail());
        assertFalse(Files.exists(pidFile(t)));
    }

    @Test
    void theServicesOwnRestartReloadsInPlaceAndItsStopRunsBeforeTerm() throws Exception {
        DeployTarget t = fx.target("hooks");
        runner.sync(t);
        runner.up(t);
        int pid = ProcFiles.readPid(pidFile(t));
        runner.restart(t);
        assertEquals(pid, ProcFiles.readPid(pidFile(t)), "a `restart` command reloads the running process, no new PID");
        assertEquals("reload-ran\n", Files.readString(Path.of(t.remoteDir(), "reloaded.txt")), "run in the service folder");
        runner.stop(t);
        assertEquals("stop-ran\n", Files.readString(Path.of(t.remoteDir(), "stopped.txt")));
        assertFalse(ProcFiles.alive(pid), "TERM follows a stop command that did not end the process");
        runner.restart(t);
        assertTrue(runner.isRunning(t), "restart of a stopped service starts it");
        runner.stop(t);
    }

    @Test
    void logsRotateBeforeStartOnceTheyReachTheLimit() throws Exception {
        LocalRunner small = new LocalRunner(new LocalRunner.Settings(Duration.ofSeconds(1), 1000, 2, Duration.ofMillis(100)));
        DeployTarget t = fx.target("rotating");
        small.sync(t);
        Path log = Path.of(t.logFile());
        Files.createDirectories(log.getParent());
        for (String gen : List.of("first", "second", "third")) {
            Files.writeString(log, gen.repeat(400));
            small.up(t);
            assertTrue(Files.readString(log).startsWith("--- portoser "), "a fresh log after rotation");
        }
        assertTrue(Files.readString(Path.of(t.logFile() + ".1")).startsWith("third"));
        assertTrue(Files.readString(Path.of(t.logFile() + ".2")).startsWith("second"));
        assertFalse(Files.exists(Path.of(t.logFile() + ".3")), "keep=2 drops the oldest");
        Files.writeString(log, "small\n");
        small.up(t);
        assertTrue(Files.readString(log).startsWith("small\n--- portoser "), "under the limit: appended, not rotated");
        small.stop(t);
    }

    @Test
    void preflightRefusesAPortHeldByAForeignListenerAndChangesNothing() throws Exception {
        DeployTarget t = fx.target("held");
        Process foreign = new ProcessBuilder("ip", "netns", "exec", fx.netns(2), "busybox", "httpd", "-f", "-p", "18090").start();
        try {
            waitListening(2, 18090);
            List<PreflightProblem> problems = runner.preflight(t);
            assertEquals(1, problems.size(), problems::toString);
            PreflightProblem p = problems.get(0);
            assertEquals("port", p.check());
            assertEquals("port 18090 is in use on h2 by pid " + foreign.pid() + " (busybox httpd -f -p 18090)", p.message());
            assertEquals("stop that process, or give held another port in the registry and its service file", p.hint());
            assertFalse(Files.exists(Path.of(t.remoteDir())), "nothing synced");
            assertFalse(Files.exists(pidFile(t)), "nothing started");
            assertTrue(foreign.isAlive());
        } finally {
            foreign.destroyForcibly().waitFor();
        }
    }

    void waitListening(int host, int port) throws InterruptedException {
        for (int i = 0; i < 50 && fx.hosts.exec(host, "ss", "-Hltn", "sport = :" + port).isBlank(); i++) Thread.sleep(100);
    }

    @Test
    void preflightReportsABadServiceFileAndAMissingWorkingDir() throws Exception {
        Path svc = fx.service("broken", 1, "", "start: x\nworking_dir: nope\nport: abc\n");
        DeployTarget t = fx.target("broken");
        Path file = svc.resolve("service.yml");
        assertEquals(List.of("broken@h1: service_file: " + file + ":3:7: port: expected a whole number, got 'abc'"),
                runner.preflight(t).stream().map(PreflightProblem::format).toList());
        Files.writeString(file, "start: x\nworking_dir: nope\n");
        assertEquals(List.of("broken@h1: working_dir: working_dir 'nope' does not exist in " + svc + " (create it or fix working_dir in " + file + ")"),
                runner.preflight(t).stream().map(PreflightProblem::format).toList());
    }
}

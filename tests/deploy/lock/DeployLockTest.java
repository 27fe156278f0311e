package deploy.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.deploy.lock.DeployLock;
import lib.deploy.lock.LockInfo;
import lib.deploy.lock.ProcessId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deploy lock between real JVMs: refusal with the holder's details, --lock-wait, stale and manual locks. */
class DeployLockTest {
    @TempDir
    Path home;
    final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void secondProcessWithoutWaitIsRefusedWithTheHoldersDetails() throws Exception {
        Process holder = holder("deploy web", 0, 60_000);
        awaitLine(holder, "acquired");
        Process second = holder("deploy db", 0, 0);
        String out = output(second);
        assertEquals(ExitCode.REFUSED, second.exitValue(), out);
        assertTrue(out.contains("refused: the deploy lock is held by " + System.getProperty("user.name") + "@"
                + ProcessId.thisHost() + " pid " + holder.pid() + " since "), out);
        assertTrue(out.contains(": deploy web"), out);
        assertTrue(out.contains("hint: see portoser lock status; wait for it with --lock-wait SECONDS"), out);
        assertTrue(holder.isAlive(), "the holder keeps its lock");
        assertEquals(holder.pid(), DeployLock.status(home).orElseThrow().pid());
    }

    @Test
    void secondProcessWaitsThenGetsTheLockOnceTheFirstReleasesIt() throws Exception {
        Process first = holder("deploy web", 0, 2_000);
        awaitLine(first, "acquired");
        Process second = holder("deploy db", 30, 0);
        String out = output(second);
        String firstOut = output(first);
        assertEquals(0, second.exitValue(), out);
        assertTrue(out.contains("notice: waiting up to 30s for the deploy lock, held by "), out);
        long released = stamp(firstOut, "released"), acquired = stamp(out, "acquired");
        assertTrue(acquired >= released - 50, "second got the lock only after the first let go: " + firstOut + out);
        assertTrue(DeployLock.status(home).isEmpty(), "both released it");
    }

    @Test
    void staleLockOfAKilledProcessIsBrokenWithAMessage() throws Exception {
        Process dead = holder("deploy web", 0, 60_000);
        awaitLine(dead, "acquired");
        dead.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertTrue(Files.exists(DeployLock.file(home)), "SIGKILL leaves the lock behind");
        List<String> notices = new ArrayList<>();
        try (DeployLock lock = DeployLock.acquire(home, "deploy db", Duration.ZERO, notices::add)) {
            assertEquals(ProcessHandle.current().pid(), lock.info().pid());
        }
        assertEquals(1, notices.size(), notices.toString());
        assertTrue(notices.get(0).startsWith("broke a stale deploy lock: ") && notices.get(0).contains("pid " + dead.pid())
                && notices.get(0).endsWith("(that process is gone)"), notices.get(0));
        assertFalse(Files.exists(DeployLock.file(home)), "closing released it");
    }

    @Test
    void manualLockIsNeverWaitedForNorBrokenAsStale() {
        LockInfo manual = DeployLock.acquireManual(home, "db maintenance", m -> {});
        long t0 = System.nanoTime();
        PortoserException e = assertThrows(PortoserException.class,
                () -> DeployLock.acquire(home, "deploy", Duration.ofSeconds(30), m -> {}));
        assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(5), "gave up at once");
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(e.getMessage().contains("by hand") && e.getMessage().endsWith(": db maintenance"), e.getMessage());
        assertEquals("it was taken by hand; when that work is done: portoser lock release", e.hint());
        assertEquals(manual, DeployLock.release(home, false).orElseThrow());
    }

    @Test
    void releasingAnotherProcesssLiveLockNeedsForce() throws Exception {
        Process holder = holder("deploy web", 0, 60_000);
        awaitLine(holder, "acquired");
        PortoserException e = assertThrows(PortoserException.class, () -> DeployLock.release(home, false));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertTrue(Files.exists(DeployLock.file(home)));
        assertEquals(holder.pid(), DeployLock.release(home, true).orElseThrow().pid());
        assertFalse(Files.exists(DeployLock.file(home)));
    }

    @Test
    void lockFileHoldsWhoWhenWhyPidAndHost() throws Exception {
        try (DeployLock lock = DeployLock.acquire(home, "apply", Duration.ZERO, m -> {})) {
            String json = Files.readString(DeployLock.file(home));
            for (String key : List.of("\"who\"", "\"host\"", "\"pid\"", "\"pid_started\"", "\"since\"", "\"why\" : \"apply\"")) {
                assertTrue(json.contains(key), key + " in " + json);
            }
        }
    }

    private Process holder(String why, int waitSeconds, int holdMs) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LockHolderProcess.class.getName(), home.toString(), why, String.valueOf(waitSeconds), String.valueOf(holdMs))
                .redirectErrorStream(true).start();
        started.add(p);
        return p;
    }

    /** Reads the process's output up to a line starting with {@code prefix}; the rest stays readable. */
    private static void awaitLine(Process p, String prefix) throws IOException {
        StringBuilder seen = new StringBuilder();
        int c;
        while ((c = p.getInputStream().read()) != -1) {
            seen.append((char) c);
            if (c == '\n' && seen.toString().lines().reduce((a, b) -> b).orElse("").startsWith(prefix)) return;
        }
        throw new AssertionError("process ended before '" + prefix + "': " + seen);
    }

    private static String output(Process p) throws Exception {
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "process hung");
        return out;
    }

    private static long stamp(String out, String word) {
        return out.lines().filter(l -> l.startsWith(word + " ")).map(l -> Long.parseLong(l.substring(word.length() + 1)))
                .findFirst().orElseThrow(() -> new AssertionError("no '" + word + "' in " + out));
    }
}

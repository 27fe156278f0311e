package lib.exec;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.registry.Host;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Commands over real sshd on namespace hosts: parallelism, connection reuse, exit codes, timeouts. */
class SshExecutorTest {
    @TempDir
    Path home;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        Harness.hosts();
    }

    private static List<Host> three() { return List.of(Harness.host(1), Harness.host(2), Harness.host(3)); }

    @Test
    void threeHostsRunInParallel() {
        try (Executor ex = new Executor(Harness.options(home))) {
            ex.fanOut(three(), h -> ex.run(h, "true")); // connect first: measure the commands, not the handshakes
            long start = System.nanoTime();
            Map<Host, Executor.Outcome<Result>> out = ex.fanOut(three(), h -> ex.run(h, "sleep " + h.name().substring(1)));
            double seconds = (System.nanoTime() - start) / 1e9;
            out.values().forEach(o -> assertTrue(o.ok() && o.value().ok(), String.valueOf(o)));
            assertTrue(seconds >= 3.0 && seconds < 4.0, "sleep 1/2/3 on three hosts took " + seconds + " s (sum would be 6)");
        }
    }

    @Test
    void oneConnectionPerHostAcrossCommandsAndSftp(@TempDir Path src) throws Exception {
        TestHosts hosts = Harness.hosts();
        Files.writeString(src.resolve("a.txt"), "a");
        long[] before = new long[4];
        for (int i = 1; i <= 3; i++) before[i] = hosts.acceptedLogins(i);
        try (Executor ex = new Executor(Harness.options(home))) {
            for (int round = 0; round < 3; round++) ex.fanOut(three(), h -> ex.run(h, "echo " + h.name()));
            List<Host> many = new ArrayList<>();
            for (int k = 0; k < 12; k++) many.addAll(three()); // 12 concurrent commands per host on one connection
            ex.fanOut(many, h -> ex.run(h, "sleep 0.2")).values().forEach(o -> assertTrue(o.ok() && o.value().ok(), String.valueOf(o)));
            for (Host h : three()) ex.sync(h, src, h.path() + "/one-conn");
            assertEquals(3, ex.ssh().connectsMade());
        }
        for (int i = 1; i <= 3; i++) {
            assertEquals(1, hosts.acceptedLogins(i) - before[i], "logins on h" + i + " during the run (" + hosts.sshdLog(i) + ")");
        }
    }

    @Test
    void exitCodeStdoutAndStderrAreKeptApart() {
        try (Executor ex = new Executor(Harness.options(home))) {
            List<String> lines = new ArrayList<>();
            Result r = ex.run(Harness.host(1), "echo out; echo err >&2; exit 7", Duration.ofSeconds(10),
                    (line, stderr) -> { synchronized (lines) { lines.add((stderr ? "E:" : "O:") + line); } });
            assertEquals(7, r.exit());
            assertEquals("out\n", r.stdout());
            assertEquals("err\n", r.stderr());
            assertTrue(lines.containsAll(List.of("O:out", "E:err")), lines::toString);
        }
    }

    @Test
    void sessionsStartInTheCleanHarnessHome() {
        try (Executor ex = new Executor(Harness.options(home))) {
            Result r = ex.run(Harness.host(2), "echo $HOME");
            assertEquals(Harness.hosts().dir().resolve("h2/home").toString(), r.stdout().strip());
        }
    }

    @Test
    void commandTimeoutStopsTheCommand() {
        try (Executor ex = new Executor(Harness.options(home))) {
            long start = System.nanoTime();
            Result r = ex.run(Harness.host(1), "sleep 20", Duration.ofSeconds(1), LineSink.NONE);
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(r.timedOut(), r::toString);
            assertEquals(-1, r.exit());
            assertTrue(seconds < 3, "timed out after " + seconds + " s");
            assertTrue(ex.run(Harness.host(1), "echo still-usable").ok(), "the connection survives a timed-out command");
        }
    }

    @Test
    void fanOutStaysWithinItsWidth() {
        try (Executor ex = new Executor(Harness.options(home).withParallelism(2))) {
            List<Host> six = new ArrayList<>(three());
            six.addAll(three());
            ex.fanOut(three(), h -> ex.run(h, "true"));
            long start = System.nanoTime();
            ex.fanOut(six, h -> ex.run(h, "sleep 0.5"));
            double seconds = (System.nanoTime() - start) / 1e9;
            assertTrue(seconds >= 1.4, "6 × 0.5 s two at a time must take ≥ 1.5 s, took " + seconds);
        }
    }
}

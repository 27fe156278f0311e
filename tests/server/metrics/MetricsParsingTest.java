package server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import lib.server.metrics.CpuTimes;
import lib.server.metrics.HostReading;
import lib.server.metrics.Sample;
import org.junit.jupiter.api.Test;

/** The metrics command's output read into numbers, from outputs captured on real hosts. */
class MetricsParsingTest {
    /** Two runs one second apart on the Debian 12 build VM (2 CPUs, no swap), host path missing below /work/main. */
    static final String FIRST = """
            @@cpu cpu  649004 0 128112 1034806 12413 0 1905 3000 0 0
            @@load 1.65 0.69 0.71
            @@cpus 2
            @@mem MemTotal: 24684084
            @@mem MemFree: 23254492
            @@mem MemAvailable: 23539112
            @@mem Buffers: 3880
            @@mem Cached: 404424
            @@mem SwapTotal: 0
            @@mem SwapFree: 0
            @@disk 264212084 24704900 81686012 /work/main
            """;
    static final String SECOND_CPU = "cpu  649064 0 128143 1034916 12414 0 1905 3001 0 0";

    /** A host with swap in use, an older kernel without MemAvailable, and a path with a space in it. */
    static final String OLD_KERNEL = """
            @@cpu cpu  10 0 10 80 0 0 0 0
            @@load 0.00 0.01 0.05
            @@cpus 4
            @@mem MemTotal: 1000
            @@mem MemFree: 100
            @@mem Buffers: 50
            @@mem Cached: 250
            @@mem SwapTotal: 2000
            @@mem SwapFree: 1500
            @@disk 1000 600 200 /srv/my apps
            """;

    @Test
    void readsEveryFactOfARealOutput() {
        HostReading r = HostReading.parse(FIRST);
        assertEquals(new CpuTimes(649004 + 128112 + 1905 + 3000, 649004 + 128112 + 1034806 + 12413 + 1905 + 3000), r.cpu());
        assertArrayEquals(new double[] {1.65, 0.69, 0.71}, r.load());
        assertEquals(2, r.cpus());
        assertEquals(24684084L, r.memTotalKb());
        assertEquals(23539112L, r.memAvailableKb());
        assertEquals(0L, r.swapTotalKb());
        assertEquals("/work/main", r.diskPath());
        assertEquals(264212084L, r.diskTotalKb());
        assertEquals(24704900L, r.diskUsedKb());
        assertEquals(81686012L, r.diskAvailableKb());
    }

    @Test
    void cpuIsTheBusyShareBetweenTwoReadings() {
        CpuTimes a = HostReading.parse(FIRST).cpu(), b = CpuTimes.parse(SECOND_CPU);
        // 60 user + 31 system + 1 steal busy out of 60 + 31 + 110 idle + 1 iowait + 1 steal = 203 jiffies.
        assertEquals(100.0 * 92 / 203, b.percentSince(a), 1e-9);
        assertNull(b.percentSince(null), "one reading alone says nothing about now");
        assertNull(a.percentSince(b), "counters going back (a reboot) give no number, not a negative one");
        assertNull(a.percentSince(a), "no time passed");
    }

    @Test
    void aSampleTurnsTheReadingIntoPercentagesAndBytes() {
        HostReading first = HostReading.parse(FIRST);
        Sample s = Sample.of("h1", 1000, 42, HostReading.parse(FIRST.replace(FIRST.lines().findFirst().orElseThrow(), "@@cpu " + SECOND_CPU)), first.cpu());
        assertTrue(s.reachable());
        assertNull(s.error());
        assertEquals(45.3, s.cpu());
        assertEquals(1.65, s.load1());
        assertEquals(0.69, s.load5());
        assertEquals(0.71, s.load15());
        assertEquals(4.6, s.memUsedPct(), "(24684084 - 23539112) / 24684084");
        assertEquals((24684084L - 23539112L) * 1024, s.memUsedBytes());
        assertEquals(0.0, s.swapUsedPct(), "no swap is 0 % used");
        assertEquals(23.2, s.diskUsedPct(), "df's Use%: used / (used + available)");
        assertEquals(264212084L * 1024, s.diskTotalBytes());
        assertEquals(42L, s.latencyMs());
        assertNull(Sample.of("h1", 1000, 42, first, null).cpu(), "the first sample of a host has no cpu yet");
    }

    @Test
    void olderKernelsAndOddPathsStillGiveNumbers() {
        Sample s = Sample.of("old", 1, 1, HostReading.parse(OLD_KERNEL), new CpuTimes(10, 50));
        assertEquals(60.0, s.memUsedPct(), "available = free + buffers + cached (400 of 1000) when MemAvailable is missing");
        assertEquals(25.0, s.swapUsedPct());
        assertEquals(75.0, s.diskUsedPct());
        assertEquals("/srv/my apps", s.diskPath());
        assertEquals(20.0, s.cpu(), "10 busy of 50 more jiffies");
    }

    @Test
    void missingFactsStayNullInsteadOfFailing() {
        // A host without /proc (BSD, macOS): only load, CPU count and df answered.
        Sample s = Sample.of("mac", 1, 5, HostReading.parse("@@cpu \n@@load 2.10 1.90 1.80\n@@cpus 8\n@@disk 100 50 50 /\n"), null);
        assertNull(s.cpu());
        assertNull(s.memUsedPct());
        assertEquals(2.1, s.load1());
        assertEquals(50.0, s.diskUsedPct());
        Sample garbage = Sample.of("x", 1, 5, HostReading.parse("bash: line 1: head: command not found\n@@disk x y z\n"), null);
        assertTrue(garbage.reachable());
        assertNull(garbage.diskUsedPct());
        assertNull(garbage.load1());
        assertNull(CpuTimes.parse("intr 1 2 3 4 5"));
    }

    @Test
    void anUnreachableHostIsASampleWithTheError() {
        Sample s = Sample.unreachable("h2", 5, "connection refused");
        assertFalse(s.reachable());
        assertEquals("connection refused", s.error());
        assertNull(s.cpu());
        assertNull(s.memUsedPct());
    }
}

package lib.exec;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SystemInfoTest {
    static final String OUTPUT = """
            disk_path=/opt/portoser
            os=Debian GNU/Linux 12 (bookworm)
            kernel=6.1.0-18-amd64
            arch=aarch64
            cpus=4
            mem_total_kb=8000000
            mem_available_kb=6000000
            disk_total_kb=100
            disk_available_kb=40
            docker=24.0.7
            compose=v2 2.21.0
            """;

    @Test
    void parsesEveryField() {
        SystemInfo i = SystemInfo.parse(OUTPUT);
        assertEquals(new SystemInfo("Debian GNU/Linux 12 (bookworm)", "6.1.0-18-amd64", "arm64", 4, 8_192_000_000L, 6_144_000_000L,
                "/opt/portoser", 102_400, 40_960, "24.0.7", "docker compose", "2.21.0"), i);
    }

    @Test
    void composeV1AndNoneAndMissingFields() {
        assertEquals("docker-compose", SystemInfo.parse("compose=v1 1.29.2\n").compose());
        SystemInfo none = SystemInfo.parse("compose=none\narch=x86_64\ngarbage line\n");
        assertNull(none.compose());
        assertNull(none.dockerVersion());
        assertEquals("amd64", none.arch());
        assertEquals(0, none.cpus());
    }

    @Test
    void scriptIsOneShellProgramQuotingThePath() {
        String s = SystemInfo.script("/srv/it's here");
        assertTrue(s.startsWith("d='/srv/it'\"'\"'s here';"), s);
        for (String key : new String[] {"os=", "arch=", "cpus=", "mem_total_kb=", "disk_total_kb=", "docker=", "compose=v2", "compose=v1", "compose=none"}) {
            assertTrue(s.contains(key), key);
        }
    }

    @Test
    void scriptRunsHereAndParses(@TempDir Path dir) {
        LocalTransport t = new LocalTransport("me");
        Result r = t.run(SystemInfo.script(dir.resolve("not/yet").toString()), java.time.Duration.ofSeconds(20), LineSink.NONE);
        assertTrue(r.ok(), r::toString);
        SystemInfo i = SystemInfo.parse(r.stdout());
        assertEquals(Runtime.getRuntime().availableProcessors(), i.cpus());
        assertEquals(dir.toString(), i.diskPath(), "a missing path is measured at its nearest existing parent");
        assertTrue(i.memoryTotalBytes() > 0 && i.diskTotalBytes() > 0, i::toString);
        assertNotNull(i.os());
    }

    @Test
    void scriptRunsOnAHarnessHostInOneRoundTrip(@TempDir Path home) {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        try (Executor ex = new Executor(Harness.options(home))) {
            Result r = ex.run(Harness.host(2), SystemInfo.script(Harness.host(2).path()));
            SystemInfo i = SystemInfo.parse(r.stdout());
            assertEquals("amd64".equals(System.getProperty("os.arch")) ? "amd64" : i.arch(), i.arch());
            assertEquals(Harness.host(2).path(), i.diskPath());
        }
    }
}

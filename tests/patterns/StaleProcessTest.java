package patterns;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lib.solve.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stale_process with a real dead leader and a live orphan in its group; and a running service left alone. */
class StaleProcessTest {
    @TempDir Path tmp;
    final stale_process pattern = new stale_process();

    @Test
    void aDeadLeadersOrphanIsTerminatedAndThePidFileRemovedOnceOnly() throws Exception {
        // The leader starts an orphan in its own session and exits: the orphan keeps the leader's pgid.
        String leader = LocalHost.sh("setsid sh -c 'sleep 600 >/dev/null 2>&1 & echo $$' </dev/null").strip();
        try (LocalHost h = new LocalHost(tmp, "worker")) {
            Files.writeString(h.runDir().resolve("worker.meta"), "start=12345\ncommand=sleep 600\n");
            Files.writeString(h.runDir().resolve("worker.pid"), leader + "\n");
            assertEquals("1", orphans(leader));
            var problem = h.problem("stale_process", Map.of());

            Outcome dry = pattern.solve(problem, h.ctx(true, false));
            assertEquals(2, dry.actions().size(), dry.actions().toString());
            assertEquals("1", orphans(leader), "dry run changes nothing");
            assertTrue(Files.exists(h.runDir().resolve("worker.pid")));

            Outcome fixed = pattern.solve(problem, h.ctx(false, false));
            assertEquals(Outcome.Status.FIXED, fixed.status(), fixed.message());
            assertEquals("0", orphans(leader));
            assertFalse(Files.exists(h.runDir().resolve("worker.pid")));
            assertFalse(Files.exists(h.runDir().resolve("worker.meta")));
            assertTrue(pattern.solve(problem, h.ctx(false, false)).actions().isEmpty(), "second solve takes no action");
        } finally {
            LocalHost.sh("kill -9 -- -" + leader + " 2>/dev/null");
        }
    }

    @Test
    void theRunningServiceIsNeverTerminated() throws Exception {
        Process own = LocalHost.daemon("sleep", "600");
        try (LocalHost h = new LocalHost(tmp, "worker")) {
            h.recordPid(own.pid(), "sleep 600");
            Outcome o = pattern.solve(h.problem("stale_process", Map.of()), h.ctx(false, true));
            assertEquals(Outcome.Status.GAVE_UP, o.status());
            assertTrue(o.message().contains("not stale"), o.message());
            assertTrue(own.isAlive());
        } finally {
            own.destroyForcibly();
        }
    }

    static String orphans(String pgid) {
        return LocalHost.sh("ps -e -o pgid= -o stat= | awk -v g=" + pgid + " '$1==g && $2!~/^Z/' | wc -l").strip();
    }
}

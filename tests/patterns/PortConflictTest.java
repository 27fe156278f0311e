package patterns;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Path;
import java.util.Map;
import lib.solve.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** port_conflict against real busybox httpd listeners on this machine: check mode, confirmation, idempotence, never our own. */
class PortConflictTest {
    static final int PORT = 18471;
    @TempDir Path tmp;
    final port_conflict pattern = new port_conflict();

    @Test
    void aForeignHolderIsKilledOnlyWithYesAndASecondSolveDoesNothing() throws Exception {
        Process foreign = LocalHost.daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + PORT);
        try (LocalHost h = new LocalHost(tmp, "web")) {
            LocalHost.waitListening(PORT);
            var problem = h.problem("port_conflict", Map.of("port", PORT, "pid", foreign.pid()));
            Outcome dry = pattern.solve(problem, h.ctx(true, false));
            assertEquals(Outcome.Status.NEEDS_CONFIRMATION, dry.status());
            assertFalse(dry.actions().get(0).done());
            assertTrue(dry.actions().get(0).destructive());
            Outcome refused = pattern.solve(problem, h.ctx(false, false));
            assertEquals(Outcome.Status.NEEDS_CONFIRMATION, refused.status());
            assertTrue(refused.message().contains("pid " + foreign.pid() + " (`busybox httpd -f -p 127.0.0.1:" + PORT + "`)"), refused.message());
            assertTrue(foreign.isAlive() && LocalHost.listening(PORT), "not killed without --yes");

            Outcome fixed = pattern.solve(problem, h.ctx(false, true));
            assertEquals(Outcome.Status.FIXED, fixed.status(), fixed.message());
            assertTrue(fixed.actions().get(0).done());
            assertFalse(LocalHost.listening(PORT));
            Outcome again = pattern.solve(problem, h.ctx(false, true));
            assertEquals(Outcome.Status.FIXED, again.status());
            assertTrue(again.actions().isEmpty(), "second solve takes no action");
        } finally {
            foreign.destroyForcibly();
        }
    }

    @Test
    void theServicesOwnRunningProcessIsNeverKilledEvenWithYes() throws Exception {
        Process own = LocalHost.daemon("busybox", "httpd", "-f", "-p", "127.0.0.1:" + (PORT + 1));
        try (LocalHost h = new LocalHost(tmp, "web")) {
            LocalHost.waitListening(PORT + 1);
            h.recordPid(own.pid(), "busybox httpd -f -p 127.0.0.1:" + (PORT + 1));
            Outcome o = pattern.solve(h.problem("port_conflict", Map.of("port", PORT + 1, "pid", own.pid())), h.ctx(false, true));
            assertEquals(Outcome.Status.GAVE_UP, o.status());
            assertTrue(o.message().contains("own running process"), o.message());
            assertTrue(o.actions().isEmpty());
            assertTrue(own.isAlive() && LocalHost.listening(PORT + 1));
        } finally {
            own.destroyForcibly();
        }
    }

    @Test
    void aStaleCopyOfTheServiceIsStoppedWithoutAsking() throws Exception {
        String start = "busybox httpd -f -p 127.0.0.1:" + (PORT + 2);
        Process stale = LocalHost.daemon("sh", "-c", start);
        long holder = -1;
        try (LocalHost h = new LocalHost(tmp, "web")) {
            LocalHost.waitListening(PORT + 2);
            Process gone = new ProcessBuilder("true").start();
            gone.waitFor();
            h.recordPid(gone.pid(), start); // the PID file names a process that is gone: the holder is a lost copy
            holder = LocalHost.holder(PORT + 2); // sh may fork busybox or exec it: ask the kernel who listens
            var problem = h.problem("port_conflict", Map.of("port", PORT + 2, "pid", holder));
            Outcome dry = pattern.solve(problem, h.ctx(true, false));
            assertFalse(dry.actions().get(0).destructive());
            assertTrue(LocalHost.listening(PORT + 2), "dry run changes nothing");
            Outcome o = pattern.solve(problem, h.ctx(false, false));
            assertEquals(Outcome.Status.FIXED, o.status(), o.message());
            assertFalse(LocalHost.listening(PORT + 2));
        } finally {
            if (holder > 0) LocalHost.sh("kill -9 " + holder + " 2>/dev/null");
            stale.destroyForcibly();
        }
    }
}

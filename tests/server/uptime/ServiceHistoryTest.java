package server.uptime;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.server.uptime.Check;
import lib.server.uptime.ServiceHistory;
import lib.server.uptime.Transition;
import lib.server.uptime.UptimeHistory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Health history: changes only when the state changes, uptime over the kept checks, bounds, and restore. */
class ServiceHistoryTest {
    @TempDir
    Path dir;

    static Check check(long ts, String state) { return check(ts, "a", state); }

    static Check check(long ts, String host, String state) { return new Check(ts, "web", host, state, Check.up(state), state + " detail"); }

    @Test
    void aTransitionOnlyWhenTheStateOrHostChanges() {
        ServiceHistory h = new ServiceHistory(100, 100);
        Transition first = h.record(check(1, "healthy"));
        assertNotNull(first, "the first check ever is a change from nothing");
        assertNull(first.from());
        assertNull(h.record(check(2, "healthy")));
        assertNull(h.record(check(3, "healthy")));
        Transition down = h.record(check(4, "stopped"));
        assertEquals("healthy", down.from());
        assertEquals("stopped", down.to());
        assertFalse(down.healthy());
        assertEquals(4, down.ts());
        assertNull(h.record(check(5, "stopped")));
        assertNotNull(h.record(check(6, "b", "stopped")), "moved to another host");
        assertEquals("stopped", h.record(check(7, "b", "running")).from(), "running after stopped is a change, and up again");
        assertEquals(List.of(1L, 4L, 6L, 7L), h.transitions().stream().map(Transition::ts).toList());
        assertEquals(7, h.lastChange().ts());
        assertEquals(7, h.checkCount());
    }

    @Test
    void uptimeIsTheShareOfKeptChecksThatFoundItUp() {
        ServiceHistory h = new ServiceHistory(4, 10);
        assertNull(h.uptimePct(), "no checks, no number");
        h.record(check(1, "healthy"));
        h.record(check(2, "running"));
        h.record(check(3, "unhealthy"));
        assertEquals(66.67, h.uptimePct());
        h.record(check(4, "unknown"));
        assertEquals(50.0, h.uptimePct(), "a host that cannot be reached does not count as up");
        h.record(check(5, "healthy"));
        assertEquals(50.0, h.uptimePct(), "the oldest check left the window of 4");
        assertEquals(2, h.windowStart());
        assertEquals(List.of(4L, 5L), h.checks(3).stream().map(Check::ts).toList());
    }

    @Test
    void checksAndChangesAreBoundedAndRestoredWithoutASpuriousChange() throws Exception {
        UptimeHistory h = UptimeHistory.open(dir, 5, 3);
        String[] states = {"healthy", "stopped"};
        for (int i = 0; i < 40; i++) h.record(check(i, states[(i / 2) % 2]));
        assertEquals(5, h.of("web").checkCount());
        assertEquals(3, h.of("web").transitions().size());
        assertTrue(Files.readAllLines(dir.resolve("web.checks.jsonl")).size() <= 10);
        assertTrue(Files.readAllLines(dir.resolve("web.transitions.jsonl")).size() <= 6);

        UptimeHistory again = UptimeHistory.open(dir, 5, 3);
        assertEquals(h.of("web").checks(0), again.find("web").checks(0));
        assertEquals(h.of("web").transitions(), again.find("web").transitions());
        assertEquals(h.of("web").uptimePct(), again.find("web").uptimePct());
        Check last = again.find("web").last();
        assertNull(again.record(check(100, last.state())), "the same state after a restart is no change");
        assertNotNull(again.record(check(101, last.state().equals("healthy") ? "stopped" : "healthy")));
        assertNull(again.find("other"));
    }
}

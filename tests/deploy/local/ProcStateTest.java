package deploy.local;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import lib.deploy.local.ProcState;
import lib.deploy.local.ProcState.Status;
import org.junit.jupiter.api.Test;

/** Parsing the probe's `@@` facts and deciding, purely, whether a PID file means our process. */
class ProcStateTest {
    static ProcState parse(String s) { return ProcState.parse(s); }

    @Test
    void samePidAndStartTimeIsRunning() {
        ProcState s = parse("@@pid 42\n@@recorded 1234\n@@now 1234\n@@args busybox httpd -f\n@@logsize 77\n");
        assertEquals(Status.RUNNING, s.status());
        assertTrue(s.running());
        assertFalse(s.stale());
        assertNull(s.staleReason());
        assertEquals(77, s.logSize());
        assertEquals("busybox httpd -f", s.args());
    }

    @Test
    void noPidFileIsSimplyNotRunning() {
        ProcState s = parse("@@logsize 0\n");
        assertEquals(Status.NO_PID_FILE, s.status());
        assertFalse(s.stale());
    }

    @Test
    void aGoneProcessIsStale() {
        ProcState s = parse("@@pid 42\n@@recorded 1234\n@@now \n@@args \n");
        assertEquals(Status.STALE_GONE, s.status());
        assertEquals("stale PID file: process 42 is gone", s.staleReason());
        assertEquals(Status.STALE_GONE, parse("@@pid \n").status(), "an empty PID file is stale too");
        assertEquals("stale PID file: it holds no PID", parse("@@pid \n").staleReason());
    }

    @Test
    void anotherStartTimeMeansTheReusedPidIsAnotherProgram() {
        ProcState s = parse("@@pid 42\n@@recorded 1234\n@@now 9999\n@@args sleep 300\n");
        assertEquals(Status.STALE_REUSED, s.status());
        assertEquals("stale PID file: PID 42 now belongs to another program (`sleep 300`, start time 9999, recorded 1234)", s.staleReason());
    }

    @Test
    void withoutARecordNothingProvesThePidIsOurs() {
        ProcState s = parse("@@pid 42\n@@now 9999\n@@args sleep 300\n");
        assertEquals(Status.STALE_UNRECORDED, s.status());
        assertEquals("stale PID file: PID 42 (`sleep 300`) has no start-time record beside it, so it cannot be proven to be this service",
                s.staleReason());
    }

    @Test
    void macOsStartTimesWithSpacesCompareWhole() {
        assertEquals(Status.RUNNING, parse("@@pid 7\n@@recorded Mon Nov 23 14:25:01 2025\n@@now Mon Nov 23 14:25:01 2025\n").status());
        assertEquals(Status.STALE_REUSED, parse("@@pid 7\n@@recorded Mon Nov 23 14:25:01 2025\n@@now Mon Nov 23 14:25:02 2025\n").status());
    }

    @Test
    void portsListListenersAndTheirHolders() {
        ProcState s = parse("@@pid 42\n@@recorded 1\n@@now 1\n@@listen 8080 2\n@@holder 8080 43 42 busybox httpd -p 8080\n"
                + "@@holder 8080 50 50 nc -l 8080\n@@listen 9090 0\n@@listen 7070 1\n");
        ProcState.PortUse p = s.ports().get(8080);
        assertEquals(2, p.listeners());
        assertEquals(List.of(new ProcState.Holder(43, 42, "busybox httpd -p 8080"), new ProcState.Holder(50, 50, "nc -l 8080")), p.holders());
        assertTrue(p.holders().get(0).belongsTo(42), "a child in the service's process group is the service");
        assertFalse(p.holders().get(1).belongsTo(42));
        assertFalse(p.holders().get(1).belongsTo(null), "nothing belongs to a service that is not running");
        assertEquals(0, s.ports().get(9090).listeners());
        assertEquals(List.of(), s.ports().get(7070).holders(), "a listener we may not see (non-root)");
    }
}

package deploy.local;

import static org.junit.jupiter.api.Assertions.*;

import lib.deploy.local.LogRotation;
import org.junit.jupiter.api.Test;

/** When a log rotates and the exact shell that shifts it. */
class LogRotationTest {
    @Test
    void rotatesAtOrAboveTheLimitOnly() {
        assertFalse(LogRotation.due(0, 1000));
        assertFalse(LogRotation.due(999, 1000));
        assertTrue(LogRotation.due(1000, 1000));
        assertTrue(LogRotation.due(5000, 1000));
        assertFalse(LogRotation.due(5000, 0), "a limit of 0 turns rotation off");
        assertEquals(10L * 1024 * 1024, LogRotation.DEFAULT_MAX_BYTES);
    }

    @Test
    void shiftsOldestFirstSoNothingIsOverwrittenTooEarly() {
        assertEquals("""
                if [ -f /p/x.log.2 ]; then mv -f /p/x.log.2 /p/x.log.3; fi
                if [ -f /p/x.log.1 ]; then mv -f /p/x.log.1 /p/x.log.2; fi
                mv -f /p/x.log /p/x.log.1
                """, LogRotation.command("/p/x.log", 3));
        assertEquals("mv -f /p/x.log /p/x.log.1\n", LogRotation.command("/p/x.log", 1));
        assertEquals("rm -f /p/x.log\n", LogRotation.command("/p/x.log", 0));
        assertEquals("mv -f '/p q/x.log' '/p q/x.log.1'\n", LogRotation.command("/p q/x.log", 1), "paths are quoted");
    }
}

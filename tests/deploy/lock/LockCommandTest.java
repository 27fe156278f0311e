package deploy.lock;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import commands.Lock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import lib.cli.ExitCode;
import lib.deploy.lock.DeployLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.CliRun.Outcome;

/** `portoser lock status|acquire|release` through picocli, against a temporary $PORTOSER_HOME. */
class LockCommandTest {
    @TempDir
    Path home;

    @BeforeEach
    void useTempHome() { System.setProperty("portoser.home", home.toString()); }

    @AfterEach
    void restoreHome() { System.clearProperty("portoser.home"); }

    @Test
    void statusUnlockedThenManualLockRefusesADeployThenRelease() {
        assertEquals("unlocked: no deploy is running\n", CliRun.run(new Lock(), "status").out());
        Outcome taken = CliRun.run(new Lock(), "acquire", "-m", "db maintenance");
        assertEquals(0, taken.code(), taken.toString());
        assertTrue(taken.out().startsWith("✓ deploy lock taken: " + System.getProperty("user.name") + "@"), taken.out());
        Outcome status = CliRun.run(new Lock(), "status", "--json");
        assertTrue(status.out().contains("\"locked\" : true") && status.out().contains("\"why\" : \"db maintenance\""), status.out());
        Outcome again = CliRun.run(new Lock(), "acquire", "-m", "other");
        assertEquals(ExitCode.REFUSED, again.code());
        assertTrue(again.err().contains("✗ the deploy lock is held by ") && again.err().contains("hint: it was taken by hand"), again.err());
        Outcome released = CliRun.run(new Lock(), "release");
        assertEquals(0, released.code(), released.toString());
        assertTrue(released.out().startsWith("✓ released the deploy lock held by "), released.out());
        assertTrue(!Files.exists(DeployLock.file(home)));
    }

    @Test
    void statusNamesTheHoldingPidAndItsOwnProcessMayRelease() {
        // Another process's live lock needing --force is DeployLockTest's job (it needs a second JVM).
        try (DeployLock lock = DeployLock.acquire(home, "deploy web", Duration.ZERO, m -> {})) {
            Outcome status = CliRun.run(new Lock(), "status");
            assertTrue(status.out().startsWith("locked by ") && status.out().contains(" pid " + ProcessHandle.current().pid()), status.out());
            assertEquals(0, CliRun.run(new Lock(), "release").code());
        }
    }

    @Test
    void bareLockShowsUsage() {
        assertEquals(ExitCode.BAD_INPUT, CliRun.run(new Lock()).code());
    }
}

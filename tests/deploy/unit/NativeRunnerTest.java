package deploy.unit;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import deploy.local.LocalFixture;
import harness.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.deploy.DeployException;
import lib.deploy.DeployTarget;
import lib.deploy.PreflightProblem;
import lib.deploy.unit.NativeRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The native runner on a real harness host, which (like this VM) has no systemd as PID 1: detection over SSH finds
 * no service manager, and every path says so with the alternative, installing nothing.
 */
class NativeRunnerTest {
    static LocalFixture fx;

    @BeforeAll
    static void services() throws IOException {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        fx = new LocalFixture("deploy-native");
        fx.service("app", "native", 1, "", "start: busybox httpd -f -p 18100\n");
    }

    @AfterAll
    static void close() {
        if (fx != null) fx.close();
    }

    @Test
    void aHostWithoutARunningServiceManagerIsRefusedWithTheAlternative() throws Exception {
        assumeTrue(!Files.isDirectory(Path.of("/run/systemd/system")), "this machine boots with systemd");
        DeployTarget t = fx.target("app");
        NativeRunner runner = new NativeRunner();
        DeployException e = assertThrows(DeployException.class, () -> runner.up(t));
        assertTrue(e.getMessage().startsWith("cannot deploy app as native on h1: no running service manager (Linux, PID 1 is "), e.getMessage());
        assertTrue(e.getMessage().endsWith(": systemd is not the init)"), e.getMessage());
        assertEquals("use deployment_type: local for app (portoser then starts and supervises the process itself),"
                + " or run it on a host booted with systemd or launchd", e.hint());
        assertThrows(DeployException.class, () -> runner.start(t));
        assertThrows(DeployException.class, () -> runner.stop(t));
        assertFalse(runner.isRunning(t));

        List<PreflightProblem> problems = runner.preflight(t);
        assertEquals(1, problems.size(), problems::toString);
        assertEquals("service_manager", problems.get(0).check());
        assertEquals(e.getMessage(), problems.get(0).message());
        assertFalse(Files.exists(Path.of("/etc/systemd/system/portoser-app.service")), "nothing installed");
        assertFalse(Files.exists(Path.of(t.remoteDir())), "nothing synced");
    }
}

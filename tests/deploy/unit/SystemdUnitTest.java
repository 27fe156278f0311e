package deploy.unit;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import lib.deploy.unit.SystemdUnit;
import lib.deploy.unit.UnitSpec;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The systemd unit renderer: exact text, and the real `systemd-analyze verify` (it needs no running systemd)
 * accepting what we render and rejecting a broken unit, so the check has teeth.
 */
class SystemdUnitTest {
    @Test
    void rendersThePlainUnitExactly() {
        assertEquals("""
                # Written by portoser for service web: edits are replaced on the next deploy.
                [Unit]
                Description=portoser: web
                After=network-online.target
                Wants=network-online.target

                [Service]
                Type=simple
                WorkingDirectory=/srv/web
                ExecStart=/bin/sh -c "busybox httpd -f -p 8080"
                StandardOutput=append:/srv/.portoser/logs/web.log
                StandardError=append:/srv/.portoser/logs/web.log
                Restart=on-failure
                RestartSec=2
                TimeoutStopSec=10

                [Install]
                WantedBy=multi-user.target
                """, SystemdUnit.render(Units.plain("/srv")));
    }

    @Test
    void escapesQuotesBackslashesSpecifiersAndDollarsForSystemd() {
        String unit = SystemdUnit.render(Units.nasty("/srv"));
        assertTrue(unit.contains("\nWorkingDirectory=/srv/api/app\nEnvironmentFile=/srv/api/.env\n"), unit);
        assertTrue(unit.contains("\nEnvironment=\"GREETING=say \\\"hi\\\" 100%% $HOME <&>\"\nEnvironment=\"EMPTY=\"\n"),
                "Environment= expands no $VAR, so `$` stays single: " + unit);
        assertTrue(unit.contains("\nExecStart=/bin/sh -c \"./server --port 8080 && echo \\\"$$HOME\\\" '100%%' \\\\ done <&>\"\n"),
                "in Exec lines systemd would expand $HOME itself: doubled for the shell: " + unit);
        assertTrue(unit.contains("\nExecStop=/bin/sh -c \"./server --stop\"\nExecReload=/bin/sh -c \"kill -HUP $$(cat app.pid)\"\n"), unit);
        assertTrue(SystemdUnit.render(withUser(Units.plain("/srv"), "deploy")).contains("\nType=simple\nUser=deploy\n"));
        assertTrue(SystemdUnit.render(withStart(Units.plain("/srv"), "a\nb\tc")).contains("ExecStart=/bin/sh -c \"a\\nb\\tc\"\n"),
                "a multi-line command stays on one unit line");
    }

    static UnitSpec withUser(UnitSpec s, String user) {
        return new UnitSpec(s.name(), s.service(), s.workDir(), s.envFile(), s.env(), s.start(), s.stop(), s.restart(), s.logFile(), user);
    }

    static UnitSpec withStart(UnitSpec s, String start) {
        return new UnitSpec(s.name(), s.service(), s.workDir(), s.envFile(), s.env(), start, s.stop(), s.restart(), s.logFile(), s.user());
    }

    @Test
    void systemdAnalyzeVerifiesWhatWeRender(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) || System.getenv("CI") != null, "needs systemd-analyze");
        Files.createDirectories(dir.resolve("api/app"));
        Files.writeString(dir.resolve("api/.env"), "A=1\n");
        for (UnitSpec s : new UnitSpec[] {Units.plain(dir.toString()), Units.nasty(dir.toString()), withStart(Units.plain(dir.toString()), "a\nb")}) {
            Path unit = dir.resolve(s.name() + ".service");
            Files.writeString(unit, SystemdUnit.render(s));
            Verify v = verify(unit);
            assertEquals(0, v.exit(), "systemd-analyze verify rejected:\n" + SystemdUnit.render(s) + "\n" + v.output());
            assertEquals("", v.output(), "no warnings either");
        }
    }

    @Test
    void systemdAnalyzeRejectsABrokenUnitSoTheCheckAboveMeansSomething(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/systemd-analyze")) || System.getenv("CI") != null, "needs systemd-analyze");
        Path unit = dir.resolve("portoser-bad.service");
        String good = SystemdUnit.render(Units.plain(dir.toString()));
        Files.writeString(unit, good.replace("httpd -f -p 8080\"", "httpd -f -p 8080"));
        Verify v = verify(unit);
        assertNotEquals(0, v.exit(), v.output());
        assertTrue(v.output().contains("Unbalanced quoting"), v.output());
        Files.writeString(unit, good.replace("/bin/sh -c", "/no/such/sh -c"));
        assertTrue(verify(unit).output().contains("Command /no/such/sh is not executable"), "it checks the ExecStart target exists");
    }

    record Verify(int exit, String output) {}

    /** `--man=no`: skip checking Documentation= man pages (none here, and man may be absent). PID 1 is not needed. */
    static Verify verify(Path unit) throws Exception {
        Process p = new ProcessBuilder("systemd-analyze", "verify", "--man=no", unit.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return new Verify(p.exitValue(), out);
    }
}

package deploy.unit;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.concurrent.TimeUnit;
import lib.deploy.unit.ServiceManager;
import lib.deploy.unit.UnitCommands;
import org.junit.jupiter.api.Test;

/** Manager detection and the systemctl / launchctl lines, as strings; each also read back by `sh -n`. */
class UnitCommandsTest {
    @Test
    void detectionIsOneScriptAndItsAnswerIsParsed() {
        assertEquals("if [ -d /run/systemd/system ] && command -v systemctl >/dev/null 2>&1; then m=systemd;"
                + " elif [ \"$(uname -s)\" = Darwin ] && command -v launchctl >/dev/null 2>&1; then m=launchd; else m=none; fi\n"
                + "echo \"@@manager $m\"; echo \"@@uid $(id -u)\"; echo \"@@home $HOME\"; echo \"@@os $(uname -s)\";"
                + " echo \"@@init $(ps -o comm= -p 1 2>/dev/null)\"\n", ServiceManager.detectCommand());
        ServiceManager sd = ServiceManager.parse("@@manager systemd\n@@uid 1000\n@@home /home/d\n@@os Linux\n@@init systemd\n");
        assertEquals(new ServiceManager(ServiceManager.Kind.SYSTEMD, "1000", "/home/d", "Linux", "systemd"), sd);
        assertFalse(sd.root());
        assertNull(sd.absence());
        assertEquals(ServiceManager.Kind.LAUNCHD, ServiceManager.parse("@@manager launchd\n@@os Darwin\n").kind());
        ServiceManager none = ServiceManager.parse("@@manager none\n@@uid 0\n@@os Linux\n@@init process_api\n");
        assertEquals("no running service manager (Linux, PID 1 is process_api: systemd is not the init)", none.absence());
        assertEquals("no running service manager (FreeBSD)", ServiceManager.parse("@@manager none\n@@os FreeBSD\n").absence());
    }

    @Test
    void installWritesOnlyWhenChanged() {
        assertEquals("mkdir -p /etc/systemd/system /l && printf '%s' '[Unit]\n' > /etc/systemd/system/portoser-a.service.tmp"
                + " && if cmp -s /etc/systemd/system/portoser-a.service.tmp /etc/systemd/system/portoser-a.service;"
                + " then rm -f /etc/systemd/system/portoser-a.service.tmp; echo @@same;"
                + " else mv -f /etc/systemd/system/portoser-a.service.tmp /etc/systemd/system/portoser-a.service; echo @@changed; fi",
                UnitCommands.install(UnitCommands.systemdPath("portoser-a"), "[Unit]\n", "/l", false));
        assertTrue(UnitCommands.install("/etc/x.service", "a'b", "/l", true).startsWith("sudo -n sh -c 'mkdir -p /etc /l && printf "),
                "not root: through sudo -n, which fails rather than prompt");
    }

    @Test
    void systemctlLines() {
        assertEquals("systemctl daemon-reload && systemctl enable --quiet portoser-a.service && systemctl restart portoser-a.service;"
                + " echo \"@@state $(systemctl is-active portoser-a.service 2>/dev/null)\"", UnitCommands.systemdUp("portoser-a", true, false));
        assertEquals("sudo -n sh -c 'systemctl enable --quiet portoser-a.service && systemctl restart portoser-a.service';"
                + " echo \"@@state $(systemctl is-active portoser-a.service 2>/dev/null)\"", UnitCommands.systemdUp("portoser-a", false, true),
                "an unchanged unit needs no daemon-reload");
        assertEquals("systemctl stop portoser-a.service", UnitCommands.systemctl("stop", "portoser-a", false));
        assertEquals("systemctl is-active --quiet portoser-a.service", UnitCommands.systemdActive("portoser-a"));
    }

    @Test
    void launchctlLines() {
        assertEquals("/Users/me/Library/LaunchAgents/portoser-a.plist", UnitCommands.launchdPath("/Users/me", "portoser-a"));
        assertEquals("d=gui/$(id -u); launchctl bootout \"$d/portoser-a\" 2>/dev/null; launchctl bootstrap \"$d\" /U/p.plist",
                UnitCommands.launchdUp("portoser-a", "/U/p.plist"));
        assertEquals("launchctl bootout \"gui/$(id -u)/portoser-a\" 2>/dev/null || true", UnitCommands.launchdStop("portoser-a"));
        assertEquals("launchctl kickstart -k \"gui/$(id -u)/portoser-a\"", UnitCommands.launchdRestart("portoser-a"));
        assertEquals("launchctl print \"gui/$(id -u)/portoser-a\" 2>/dev/null | grep -q 'state = running'", UnitCommands.launchdActive("portoser-a"));
    }

    @Test
    void everyLineParsesInSh() throws Exception {
        for (String script : List.of(ServiceManager.detectCommand(), UnitCommands.install("/e/a.service", "x'%s\"\n", "/l", true),
                UnitCommands.systemdUp("portoser-a", true, true), UnitCommands.launchdUp("portoser-a", "/p q.plist"),
                UnitCommands.launchdStart("portoser-a", "/p.plist"), UnitCommands.inService(Units.nasty("/s"), "kill -HUP 1"))) {
            Process p = new ProcessBuilder("dash", "-n", "-c", script).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), script + "\n" + out);
        }
    }
}

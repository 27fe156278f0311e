package deploy.local;

import static org.junit.jupiter.api.Assertions.*;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.deploy.local.LocalCommands;
import lib.deploy.local.LocalSpec;
import org.junit.jupiter.api.Test;

/**
 * The local runner's shell, as strings (Kamal style): exact text for each command, and every command read back
 * by `dash -n` and `bash -n` so a quoting slip fails here rather than on a host.
 */
class LocalCommandsTest {
    static final LocalSpec API = new LocalSpec("api", "/srv/.portoser/run/api.pid", "/srv/.portoser/run/api.meta",
            "/srv/.portoser/logs/api.log", "/srv/api/app", "/srv/api/.env", new LinkedHashMap<>(Map.of("GREETING", "it's me")),
            "./server --port 8080", "./server --stop", "kill -HUP $(cat app.pid)");
    static final LocalSpec PLAIN = new LocalSpec("web", "/p/.portoser/run/web.pid", "/p/.portoser/run/web.meta",
            "/p/.portoser/logs/web.log", "/p/web", null, Map.of(), "busybox httpd -f -p 8080", null, null);

    @Test
    void startLaunchesDetachedAndRecordsTheStartTimeBeforeThePid() {
        assertEquals(LocalCommands.IDENT + START, LocalCommands.start(API, true, 2, Duration.ofMillis(500)));
    }

    static final String START = """
                mkdir -p /srv/.portoser/run /srv/.portoser/logs || exit 1
                cd /srv/api/app 2>/dev/null || { echo "@@nodir"; exit 0; }
                [ -r /srv/api/.env ] || { echo "@@noenvfile"; exit 0; }
                if [ -f /srv/.portoser/logs/api.log.1 ]; then mv -f /srv/.portoser/logs/api.log.1 /srv/.portoser/logs/api.log.2; fi
                mv -f /srv/.portoser/logs/api.log /srv/.portoser/logs/api.log.1
                echo "--- portoser $(date -u +%Y-%m-%dT%H:%M:%SZ) start" 'api: ./server --port 8080' >>/srv/.portoser/logs/api.log
                ( set -a; . /srv/api/.env; set +a; export GREETING='it'"'"'s me'; if command -v setsid >/dev/null 2>&1; then exec setsid sh -c './server --port 8080'; else trap '' HUP; exec sh -c './server --port 8080'; fi ) </dev/null >>/srv/.portoser/logs/api.log 2>&1 &
                p=$!
                s=$(ident "$p")
                printf 'start=%s\\ncommand=%s\\nstarted_at=%s\\n' "$s" './server --port 8080' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" > /srv/.portoser/run/api.meta.tmp && mv -f /srv/.portoser/run/api.meta.tmp /srv/.portoser/run/api.meta
                echo "$p" > /srv/.portoser/run/api.pid.tmp && mv -f /srv/.portoser/run/api.pid.tmp /srv/.portoser/run/api.pid
                sleep 0.500
                if [ -n "$s" ] && [ "$(ident "$p")" = "$s" ]; then echo "@@started $p"; else if [ "$(head -c 32 /srv/.portoser/run/api.pid 2>/dev/null | tr -dc 0-9)" = "$p" ]; then rm -f /srv/.portoser/run/api.pid /srv/.portoser/run/api.meta; fi; echo "@@died $p"; fi
                """;

    @Test
    void startWithoutEnvOrRotationHasNoSuchLines() {
        String s = LocalCommands.start(PLAIN, false, 5, Duration.ofSeconds(1));
        assertFalse(s.contains("mv -f /p/.portoser/logs/web.log "), s);
        assertFalse(s.contains("set -a"), s);
        assertTrue(s.contains("( if command -v setsid >/dev/null 2>&1; then exec setsid sh -c 'busybox httpd -f -p 8080'; else trap '' HUP;"
                + " exec sh -c 'busybox httpd -f -p 8080'; fi ) </dev/null >>/p/.portoser/logs/web.log 2>&1 &\n"), s);
        assertTrue(s.contains("\nsleep 1\n"), s);
    }

    @Test
    void stopRechecksIdentityRunsTheStopCommandThenTermThenKill() {
        assertEquals(LocalCommands.IDENT + STOP, LocalCommands.stop(API, 4242, "299938", Duration.ofSeconds(2)));
    }

    static final String STOP = """
                p=4242; s=299938
                if [ "$(ident $p)" != "$s" ]; then echo "@@changed"; exit 0; fi
                if [ "$(ps -o pgid= -p $p 2>/dev/null | tr -d ' ')" = "$p" ]; then g="-- -$p"; else g="$p"; fi
                ( cd /srv/api/app || exit 1; set -a; . /srv/api/.env; set +a; export GREETING='it'"'"'s me'; exec sh -c './server --stop' ) </dev/null >>/srv/.portoser/logs/api.log 2>&1
                i=0; while [ "$(ident $p)" = "$s" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done
                if [ "$(ident $p)" = "$s" ]; then kill -s TERM $g 2>/dev/null; fi
                i=0; while [ "$(ident $p)" = "$s" ] && [ $i -lt 20 ]; do sleep 0.1; i=$((i+1)); done
                if [ "$(ident $p)" = "$s" ]; then kill -s KILL $g 2>/dev/null; r=killed; else r=terminated; fi
                if [ "$g" != "$p" ]; then kill -s KILL -- -$p 2>/dev/null; fi
                i=0; while [ "$(ident $p)" = "$s" ] && [ $i -lt 50 ]; do sleep 0.1; i=$((i+1)); done
                rm -f /srv/.portoser/run/api.pid /srv/.portoser/run/api.meta
                echo "@@$r"
                """;

    @Test
    void stopWithoutAStopCommandGoesStraightToTerm() {
        String s = LocalCommands.stop(PLAIN, 7, "Mon Nov 23 14:25:01 2025", Duration.ofMillis(50));
        assertTrue(s.contains("p=7; s='Mon Nov 23 14:25:01 2025'\n"), "a macOS start time is quoted whole: " + s);
        assertFalse(s.contains("exec sh -c"), s);
        assertTrue(s.contains("[ $i -lt 1 ]"), "at least one wait tick: " + s);
    }

    @Test
    void probeReadsPidRecordProcessLogAndEachPort() {
        String s = LocalCommands.probe(PLAIN, List.of(8080, 9090));
        assertTrue(s.startsWith(LocalCommands.IDENT + "p=$(head -c 32 /p/.portoser/run/web.pid 2>/dev/null | tr -dc 0-9)\n"
                + "if [ -f /p/.portoser/run/web.pid ]; then echo \"@@pid $p\"; fi\n"
                + "sed -n 's/^start=/@@recorded /p' /p/.portoser/run/web.meta 2>/dev/null\n"), s);
        assertTrue(s.contains("echo \"@@listen 8080 $(ss -Hltnp 'sport = :8080' 2>/dev/null | wc -l | tr -d ' ')\""), s);
        assertTrue(s.contains("lsof -nP -t -iTCP:9090 -sTCP:LISTEN"), s);
        assertFalse(LocalCommands.probe(PLAIN, List.of()).contains("@@listen"));
    }

    @Test
    void smallCommands() {
        assertEquals("( cd /srv/api/app || exit 1; set -a; . /srv/api/.env; set +a; export GREETING='it'\"'\"'s me';"
                + " exec sh -c 'kill -HUP $(cat app.pid)' ) </dev/null >>/srv/.portoser/logs/api.log 2>&1\necho \"@@exit $?\"\n",
                LocalCommands.reload(API));
        assertEquals("if [ \"$(head -c 32 /p/.portoser/run/web.pid 2>/dev/null | tr -dc 0-9)\" = \"42\" ];"
                + " then rm -f /p/.portoser/run/web.pid /p/.portoser/run/web.meta; fi;\n", LocalCommands.clean(PLAIN, 42));
        assertTrue(LocalCommands.clean(PLAIN, 0).startsWith("if [ \"$(head -c 32 /p/.portoser/run/web.pid 2>/dev/null | tr -dc 0-9)\" = \"\" ];"),
                "a PID file holding no PID is matched as empty");
        assertEquals("tail -n 50 '/p q/x.log' 2>/dev/null || true", LocalCommands.tail("/p q/x.log", 50));
        assertEquals("tail -n 1 /x.log 2>/dev/null || true", LocalCommands.tail("/x.log", 0));
    }

    @Test
    void everyCommandParsesInDashAndBash() throws Exception {
        for (String script : List.of(LocalCommands.start(API, true, 3, Duration.ofMillis(200)), LocalCommands.start(PLAIN, false, 1, Duration.ZERO),
                LocalCommands.stop(API, 1, "x y", Duration.ofSeconds(1)), LocalCommands.probe(API, List.of(1, 2)),
                LocalCommands.reload(API), LocalCommands.clean(API, 3), LocalCommands.tail("/x", 3))) {
            for (String shell : List.of("dash", "bash")) {
                Process p = new ProcessBuilder(shell, "-n", "-c", script).redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes());
                assertTrue(p.waitFor(10, TimeUnit.SECONDS));
                assertEquals(0, p.exitValue(), shell + " -n rejected:\n" + script + "\n" + out);
            }
        }
    }

    @Test
    void theSidecarSitsBesideThePidFile() {
        assertEquals("/p/run/web.meta", LocalSpec.metaFileFor("/p/run/web.pid"));
        assertEquals("/p/.portoser/run", PLAIN.runDir());
        assertEquals("/p/.portoser/logs", PLAIN.logDir());
    }
}

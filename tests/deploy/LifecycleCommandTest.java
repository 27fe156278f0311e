package deploy;

import static org.junit.jupiter.api.Assertions.*;

import commands.Deploy;
import commands.Restart;
import commands.Start;
import commands.Stop;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** start / stop / restart through picocli with the real LocalRunner: dependency order and the stop guard. */
class LifecycleCommandTest {
    @TempDir
    Path tmp;
    LocalCluster cluster;
    String registry;

    @BeforeEach
    void deployThreeLevels() throws Exception {
        System.setProperty("portoser.home", tmp.resolve("home").toString());
        cluster = LocalCluster.in(tmp).host("local", "127.0.0.1", null)
                .local("db", "local", "exec sleep 600", null)
                .local("api", "local", "exec sleep 600", "dependencies: [db]")
                .local("web", "local", "exec sleep 600", "dependencies: [api]");
        cluster.write();
        registry = cluster.registryFile.toString();
        CliRun.Outcome r = CliRun.run(new Deploy(), "--registry", registry, "--all");
        assertEquals(0, r.code(), r::toString);
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.killAll();
        System.clearProperty("portoser.home");
    }

    long pid(String service) throws Exception {
        return Long.parseLong(Files.readString(cluster.pidFile(service)).trim().split("\\s+")[0]);
    }

    /** Alive and not a zombie (this machine's PID 1 does not reap orphans). */
    static boolean alive(long pid) throws Exception {
        Path stat = Path.of("/proc/" + pid + "/stat");
        if (!Files.exists(stat)) return false;
        String s = Files.readString(stat);
        return !s.substring(s.lastIndexOf(')') + 2).startsWith("Z");
    }

    @Test
    void stoppingADependencyWithoutATerminalOrForceIsRefusedNamingTheDependents() throws Exception {
        long db = pid("db");
        CliRun.Outcome r = CliRun.run(new Stop(), "--registry", registry, "db");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("running services depend on db: api, web"), r.err());
        assertTrue(r.err().contains("--force"), r.err());
        assertTrue(alive(db) && alive(pid("api")) && alive(pid("web")), "nothing was stopped");
    }

    @Test
    void forceStopsDependentsFirstThenTheDependency() throws Exception {
        long db = pid("db"), api = pid("api"), web = pid("web");
        CliRun.Outcome r = CliRun.run(new Stop(), "--registry", registry, "db", "--force");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().indexOf("\nweb ") < r.out().indexOf("\napi ") && r.out().indexOf("\napi ") < r.out().indexOf("\ndb "),
                "summary in stop order: " + r.out());
        assertTrue(r.out().contains("3/3 stopped"), r.out());
        assertFalse(alive(db) || alive(api) || alive(web));
    }

    @Test
    void allSelectsEveryServiceAndExcludesNames() throws Exception {
        long db = pid("db"), api = pid("api"), web = pid("web");
        CliRun.Outcome r = CliRun.run(new Stop(), "--registry", registry, "--all");
        assertEquals(0, r.code(), "every dependent is in the selection, so nothing needs --force: " + r);
        assertTrue(r.out().contains("3/3 stopped"), r.out());
        assertFalse(alive(db) || alive(api) || alive(web));
        CliRun.Outcome both = CliRun.run(new Start(), "--registry", registry, "db", "--all");
        assertEquals(2, both.code(), both::toString);
        assertTrue(both.err().contains("mutually exclusive"), both::toString);
        assertEquals(2, CliRun.run(new Restart(), "--registry", registry).code(), "a service or --all is required");
        CliRun.Outcome start = CliRun.run(new Start(), "--registry", registry, "--all");
        assertEquals(0, start.code(), start::toString);
        assertTrue(alive(pid("db")) && alive(pid("api")) && alive(pid("web")));
    }

    @Test
    void startRunsInDependencyWavesAndRestartComesBackHealthy() throws Exception {
        assertEquals(0, CliRun.run(new Stop(), "--registry", registry, "db", "--force").code());
        CliRun.Outcome r = CliRun.run(new Start(), "--registry", registry, "web", "api", "db");
        assertEquals(0, r.code(), r::toString);
        assertTrue(cluster.started("db") < cluster.started("api") && cluster.started("api") < cluster.started("web"));
        long before = cluster.started("api"), oldPid = pid("api");
        CliRun.Outcome rr = CliRun.run(new Restart(), "--registry", registry, "api");
        assertEquals(0, rr.code(), rr::toString);
        assertTrue(rr.out().contains("[api@local] preflight ✓ restart ✓ health ✓"), rr.out());
        assertTrue(cluster.started("api") > before);
        assertFalse(alive(oldPid));
        assertTrue(alive(pid("api")));
    }

    @Test
    void startingAServiceWhoseDependencyIsDownFailsPreflight() throws Exception {
        assertEquals(0, CliRun.run(new Stop(), "--registry", registry, "db", "--force").code());
        CliRun.Outcome r = CliRun.run(new Start(), "--registry", registry, "api");
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains("db@local: dependency: not healthy"), r.err());
        assertTrue(r.err().contains("nothing was changed"), r.err());
    }
}

package deploy;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import commands.Deploy;
import commands.Move;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import lib.deploy.state.StateStore;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * `move` runs the self-healing loop like deploy (so do apply and history rollback: the same flags, the same
 * Operations.context). The target host h2 still has a stale copy of the service from an earlier run there: its leader
 * died, its child httpd holds the port. Without healing the move is refused and nothing changes; with it the loop
 * diagnoses stale_process, terminates the old run's orphans, and the move completes. Real SSH, real processes.
 */
class OpsHealingTest {
    static final int PORT = 18599;
    static TestHosts hosts;
    @TempDir
    Path home;
    LocalCluster cluster;
    String orphan;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
    }

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("portoser.home", home.toString());
        cluster = new LocalCluster(hosts.dir().resolve("ops-heal.yml"));
        for (int i = 1; i <= 2; i++) cluster.host("h" + i, hosts.ip(i), hosts.srv(i), "ssh_key: " + hosts.key());
        // The leader (sleep) is what the PID file names; its child httpd holds the port.
        cluster.local("mover", "h2", "busybox httpd -f -p " + PORT + " &\nexec sleep 600", "port: " + PORT + ", healthcheck: {tcp: " + PORT + "}").write();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            cluster.killAll();
            if (orphan != null) new ProcessBuilder("kill", "-9", orphan).start().waitFor();
        } finally {
            System.clearProperty("portoser.home");
        }
    }

    @Test
    void moveToAHostWhereAStaleCopyHoldsThePortHealsItAndMoves() throws Exception {
        // An earlier run on h2 whose leader died: its httpd still holds the port there, the PID file is stale.
        assertEquals(0, CliRun.run(new Deploy(), "--registry", reg(), "mover").code());
        String leader = Files.readString(cluster.pidFile("h2", "mover")).strip();
        new ProcessBuilder("kill", "-9", leader).start().waitFor();
        for (int i = 0; i < 50 && Files.exists(Path.of("/proc/" + leader)); i++) Thread.sleep(50);
        orphan = holder(2);
        assertNotNull(orphan, "the orphan holds the port on h2");
        // Now it runs on h1 (the registry says so), and is to move back to h2.
        Files.writeString(cluster.registryFile, Files.readString(cluster.registryFile).replace("current_host: h2", "current_host: h1"));
        assertEquals(0, CliRun.run(new Deploy(), "--registry", reg(), "mover").code());
        String before = Files.readString(cluster.registryFile);

        CliRun.Outcome raw = CliRun.run(new Move(), "--registry", reg(), "mover", "h1", "h2", "--no-auto-heal");
        assertEquals(1, raw.code(), raw::toString);
        String all = raw.out() + raw.err();
        assertTrue(all.contains("port " + PORT + " is in use on h2 by pid " + orphan), "the raw preflight failure: " + all);
        assertTrue(all.contains("✗ stale_process"), "diagnosed: " + all);
        assertFalse(all.contains("solve stale_process"), "--no-auto-heal solves nothing: " + all);
        assertEquals(before, Files.readString(cluster.registryFile), "registry byte-identical");
        assertTrue(alive(orphan), "the orphan was left alone");

        CliRun.Outcome moved = CliRun.run(new Move(), "--registry", reg(), "mover", "h1", "h2");
        assertEquals(0, moved.code(), moved::toString);
        String out = moved.out() + moved.err();
        assertTrue(out.contains("✗ stale_process") && out.contains("solve stale_process: fixed"), out);
        assertTrue(out.contains("terminate the old run's orphans"), out);
        assertFalse(alive(orphan), "the orphan was terminated");
        assertEquals("h2", RegistryLoader.load(cluster.registryFile).services().get("mover").currentHost(), "moved: " + out);
        assertEquals("h2", new StateStore(home).load().get("mover").orElseThrow().host());
        String now = holder(2);
        assertNotNull(now, "the new copy serves on h2");
        assertNotEquals(orphan, now);
        assertNull(holder(1), "stopped on h1");
        assertTrue(Files.readString(home.resolve("knowledge/problem_frequency.txt")).contains("|stale_process|mover|h2"));
    }

    @Test
    void applyAndHistoryRollbackTakeTheSameHealingFlags() {
        for (Object cmd : new Object[] {new commands.Apply(), new Move()}) {
            String help = CliRun.run(cmd, "--help").out();
            assertTrue(help.contains("--no-auto-heal") && help.contains("--yes"), help);
        }
        String rollback = CliRun.run(new commands.History(), "rollback", "--help").out();
        assertTrue(rollback.contains("--no-auto-heal") && rollback.contains("--yes"), rollback);
    }

    String reg() { return cluster.registryFile.toString(); }

    /** Running, not a zombie (PID 1 here never reaps orphans: a killed one stays a zombie). */
    static boolean alive(String pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return !stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** The pid listening on PORT inside host i, or null. */
    static String holder(int i) {
        Matcher m = java.util.regex.Pattern.compile("pid=(\\d+)").matcher(hosts.exec(i, "sh", "-c", "ss -Hltnp 'sport = :" + PORT + "'"));
        return m.find() ? m.group(1) : null;
    }
}

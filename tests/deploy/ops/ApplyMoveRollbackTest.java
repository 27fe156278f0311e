package deploy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import commands.Apply;
import commands.Deploy;
import commands.History;
import commands.Move;
import commands.Refresh;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.state.State;
import lib.deploy.state.StateStore;
import lib.registry.RegistryEdits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.CliRun.Outcome;

/** apply, move, rollback and refresh on three namespace hosts over real SSH, with real processes serving HTTP. */
class ApplyMoveRollbackTest {
    @TempDir
    Path home;
    OpsCluster cluster;

    @BeforeEach
    void setUp() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        System.setProperty("portoser.home", home.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (cluster != null) cluster.killAll();
        System.clearProperty("portoser.home");
    }

    String reg() { return cluster.registry.toString(); }

    Map<String, String> state() {
        State s = StateStore.standard().load();
        return s.deployed().entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().host()));
    }

    Outcome ok(Object cmd, String... args) {
        Outcome o = CliRun.run(cmd, args);
        assertEquals(0, o.code(), o::toString);
        return o;
    }

    @Test
    void applyStopsTheOrphanMigratesAndDeploysTheMissingInOneRun() throws Exception {
        cluster = new OpsCluster("ops-apply").service("opsold", 18201, "h1").service("opsweb", 18202, "h1").service("opsnew", 18203, "h3").drop("opsnew");
        cluster.write();
        ok(new Deploy(), "--registry", reg(), "--all");
        assertEquals(Map.of("opsold", "h1", "opsweb", "h1"), state());
        cluster.drop("opsold").place("opsweb", "h2").place("opsnew", "h3").write();

        String registryBefore = Files.readString(cluster.registry), stateBefore = Files.readString(StateStore.standard().file());
        Outcome dry = ok(new Apply(), "--registry", reg(), "--dry-run");
        assertEquals("apply: 1 orphan, 1 to migrate, 1 missing\n  - opsold  on h1  (orphan: stop)\n"
                + "  ~ opsweb  h1 -> h2  (migrate: stop, deploy)\n  + opsnew  -> h3  (missing: deploy)\n", dry.out());
        assertEquals(registryBefore, Files.readString(cluster.registry));
        assertEquals(stateBefore, Files.readString(StateStore.standard().file()));
        assertEquals("opsold", cluster.serves("opsold", 1), "dry run stopped nothing");
        assertNull(cluster.serves("opsnew", 3), "dry run started nothing");
        assertFalse(Files.exists(cluster.hosts.srv(3).resolve("opsnew")), "dry run synced nothing");

        Outcome applied = ok(new Apply(), "--registry", reg());
        assertTrue(applied.out().contains("✓ applied: the hosts match the registry"), applied::toString);
        assertNull(cluster.serves("opsold", 1), "orphan stopped");
        assertNull(cluster.serves("opsweb", 1), "old copy stopped");
        assertEquals("opsweb", cluster.serves("opsweb", 2));
        assertEquals("opsnew", cluster.serves("opsnew", 3));
        assertEquals(Map.of("opsweb", "h2", "opsnew", "h3"), state());
        DeploymentRecord rec = HistoryStore.standard().list().get(0);
        assertEquals("apply", rec.kind());
        assertEquals(DeploymentRecord.SUCCESS, rec.result(), rec::toString);
        assertEquals(registryBefore, rec.registrySnapshot());

        assertTrue(ok(new Apply(), "--registry", reg()).out().startsWith("nothing to apply"), "a second apply changes nothing");
    }

    @Test
    void moveDeploysOnTheTargetThenStopsTheSourceAndEditsTheRegistry() throws Exception {
        cluster = new OpsCluster("ops-move").service("opsmv", 18211, "h1");
        cluster.write();
        ok(new Deploy(), "--registry", reg(), "opsmv");
        String before = Files.readString(cluster.registry);
        ok(new Move(), "--registry", reg(), "opsmv", "h1", "h2");
        assertEquals("opsmv", cluster.serves("opsmv", 2));
        assertNull(cluster.serves("opsmv", 1));
        assertEquals(RegistryEdits.moveService(before, "opsmv", "h2"), Files.readString(cluster.registry), "one line changed, comments kept");
        assertEquals(Map.of("opsmv", "h2"), state());
        assertEquals("move", HistoryStore.standard().list().get(0).kind());
    }

    @Test
    void moveWhoseTargetFailsLeavesTheSourceServingAndTheRegistryByteIdentical() throws Exception {
        cluster = new OpsCluster("ops-movefail").service("opsmf", 18221, "h1");
        cluster.write();
        ok(new Deploy(), "--registry", reg(), "opsmf");
        byte[] before = Files.readAllBytes(cluster.registry);
        cluster.breakHost(3, true);
        Outcome o = CliRun.run(new Move(), "--registry", reg(), "opsmf", "h1", "h3");
        assertEquals(1, o.code(), o::toString);
        assertTrue(o.err().contains("not moved: opsmf did not come up healthy on h3; it still runs on h1 and the registry is unchanged"), o::toString);
        assertEquals("opsmf", cluster.serves("opsmf", 1), "source still serving");
        assertNull(cluster.serves("opsmf", 3));
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(cluster.registry)), "registry byte-identical");
        assertEquals(Map.of("opsmf", "h1"), state());
        DeploymentRecord rec = HistoryStore.standard().list().get(0);
        assertEquals(DeploymentRecord.FAILED, rec.result());
    }

    @Test
    void rollbackRedeploysTheRecordedPlacementAndDryRunChangesNothing() throws Exception {
        cluster = new OpsCluster("ops-rollback").service("opsrb", 18231, "h1");
        cluster.write();
        ok(new Deploy(), "--registry", reg(), "opsrb");
        String first = HistoryStore.standard().list().get(0).id();
        ok(new Move(), "--registry", reg(), "opsrb", "h1", "h2");
        String registryMoved = Files.readString(cluster.registry), stateMoved = Files.readString(StateStore.standard().file());

        Outcome dry = ok(new History(), "--registry", reg(), "rollback", first, "--dry-run");
        assertTrue(dry.out().contains("  stop    opsrb@h2  (runs elsewhere now)\n  deploy  opsrb@h1\n"), dry::toString);
        assertTrue(dry.out().contains("- opsrb:") || dry.out().contains("-     current_host: h2"), dry::toString);
        assertEquals(registryMoved, Files.readString(cluster.registry));
        assertEquals(stateMoved, Files.readString(StateStore.standard().file()));
        assertEquals("opsrb", cluster.serves("opsrb", 2));
        assertNull(cluster.serves("opsrb", 1));

        ok(new History(), "--registry", reg(), "rollback", first);
        assertEquals("opsrb", cluster.serves("opsrb", 1));
        assertNull(cluster.serves("opsrb", 2));
        assertEquals(Map.of("opsrb", "h1"), state());
        assertEquals(RegistryEdits.moveService(registryMoved, "opsrb", "h1"), Files.readString(cluster.registry));
        DeploymentRecord rec = HistoryStore.standard().list().get(0);
        assertEquals("rollback", rec.kind());
        assertEquals(first, rec.rollbackOf());
    }

    @Test
    void refreshRebuildsTheStateFromWhatRuns() throws Exception {
        cluster = new OpsCluster("ops-refresh").service("opsrf", 18241, "h2");
        cluster.write();
        ok(new Deploy(), "--registry", reg(), "opsrf");
        Files.delete(StateStore.standard().file());
        Outcome o = ok(new Refresh(), "--registry", reg());
        assertTrue(o.out().contains("+ opsrf  on h2\n"), o::toString);
        assertEquals(Map.of("opsrf", "h2"), state());
    }
}

package deploy.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import commands.Deploy;
import commands.History;
import commands.Move;
import harness.TestHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.state.Deployed;
import lib.deploy.state.StateStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.CliRun.Outcome;

/** Rollback to an older image and move-and-back with a named volume, on real dockerd hosts over real SSH. */
class DockerOpsTest {
    @TempDir
    Path home;
    DockerCluster cluster;

    @BeforeEach
    void setUp() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        System.setProperty("portoser.home", home.toString());
    }

    @AfterEach
    void tearDown() {
        if (cluster != null) cluster.removeAll();
        System.clearProperty("portoser.home");
    }

    Outcome ok(Object cmd, String... args) {
        Outcome o = CliRun.run(cmd, args);
        assertEquals(0, o.code(), o::toString);
        return o;
    }

    String reg() { return cluster.registry.toString(); }

    /** A changed compose file must look changed to the sync (size + mtime) even when edited within a second. */
    void recompose(String image) throws IOException {
        cluster.compose(image, "");
        Files.setLastModifiedTime(cluster.compose, FileTime.fromMillis(System.currentTimeMillis() + 5000));
    }

    @Test
    void rollbackRedeploysTheRecordedComposeFileSoTheOldImageServesAgain() throws Exception {
        cluster = new DockerCluster("rbimg", 18301, "h1");
        cluster.compose(TestHosts.IMAGE_V1, "");
        ok(new Deploy(), "--registry", reg(), "rbimg");
        DeploymentRecord first = HistoryStore.standard().list().get(0);
        assertEquals("1", cluster.get(1, "/version"));
        String v1 = cluster.imageId(1, TestHosts.IMAGE_V1);
        assertEquals(Map.of("rbimg", Map.of("rbimg_web_1", v1)), first.images());
        assertTrue(first.files().get("rbimg").get("compose.yml").contains("image: " + TestHosts.IMAGE_V1), first::toString);

        recompose(TestHosts.IMAGE_V2);
        ok(new Deploy(), "--registry", reg(), "rbimg");
        assertEquals("2", cluster.get(1, "/version"));

        Snapshot before = snapshot();
        Outcome dry = ok(new History(), "--registry", reg(), "rollback", first.id(), "--dry-run");
        assertTrue(dry.out().contains("  deploy  rbimg@h1\n"), dry::toString);
        assertTrue(dry.out().contains("rbimg/compose.yml as recorded (it differs now)"), dry::toString);
        assertEquals(before, snapshot(), "a dry run changes nothing");
        assertEquals("2", cluster.get(1, "/version"));

        List<Path> tempsBefore = rollbackTemps();
        ok(new History(), "--registry", reg(), "rollback", first.id());
        assertEquals("1", cluster.get(1, "/version"), "the old image serves again");
        List<String> ctrs = cluster.containers(1);
        assertEquals(1, ctrs.size(), ctrs::toString);
        assertEquals(v1, cluster.imageOf(1, ctrs.get(0)), "the container runs the recorded image id");
        assertEquals(before.compose(), Files.readString(cluster.compose), "the user's compose file is untouched");
        assertEquals(tempsBefore, rollbackTemps(), "the temporary folder is gone");

        DeploymentRecord rb = HistoryStore.standard().list().get(0);
        assertEquals("rollback", rb.kind());
        assertEquals(first.id(), rb.rollbackOf());
        assertEquals(DeploymentRecord.SUCCESS, rb.result(), rb::toString);
        assertEquals(first.images(), rb.images());
        assertEquals(first.files(), rb.files(), "the rollback records the files it deployed");
        Deployed d = StateStore.standard().load().get("rbimg").orElseThrow();
        assertEquals("h1", d.host());
        assertEquals(Map.of("rbimg_web_1", v1), d.images());
        assertEquals(rb.id(), d.deployId());
    }

    @Test
    void moveAndMoveBackKeepsTheNamedVolumesData() throws Exception {
        cluster = new DockerCluster("volmv", 18302, "h1");
        cluster.compose(TestHosts.IMAGE_V1, "    volumes:\n      - data:/www/data\nvolumes:\n  data: {}\n");
        ok(new Deploy(), "--registry", reg(), "volmv");
        cluster.hosts.docker(1, "exec", "volmv_web_1", "sh", "-c", "echo precious > /www/data/kept");
        assertEquals("precious", cluster.get(1, "/data/kept"));

        ok(new Move(), "--registry", reg(), "volmv", "h1", "h2");
        assertEquals("1", cluster.get(2, "/version"), "serves on h2");
        assertNull(cluster.get(2, "/data/kept"), "h2 has a volume of its own");
        assertNull(cluster.get(1, "/version"), "stopped on h1");
        assertTrue(volumes(1).contains("volmv_data"), "stopping on h1 kept its volume");

        ok(new Move(), "--registry", reg(), "volmv", "h2", "h1");
        assertEquals("precious", cluster.get(1, "/data/kept"), "h1's volume data is still there");
        assertEquals("1", cluster.get(1, "/version"));
        assertNull(cluster.get(2, "/version"), "stopped on h2");
        assertTrue(volumes(2).contains("volmv_data"), "stopping on h2 kept its volume too");
        assertEquals("h1", StateStore.standard().load().get("volmv").orElseThrow().host());
    }

    List<String> volumes(int i) { return List.of(cluster.hosts.docker(i, "volume", "ls", "-q").split("\n")); }

    /** What a dry run must leave alone: registry, state, compose file, and the container (id and image). */
    record Snapshot(String registry, String state, String compose, List<String> containers, String image) {}

    Snapshot snapshot() throws IOException {
        List<String> ctrs = cluster.containers(1);
        return new Snapshot(Files.readString(cluster.registry), Files.readString(StateStore.standard().file()),
                Files.readString(cluster.compose), ctrs, ctrs.isEmpty() ? null : cluster.imageOf(1, ctrs.get(0)));
    }

    static List<Path> rollbackTemps() throws IOException {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return s.filter(p -> p.getFileName().toString().startsWith("portoser-rollback-")).sorted().toList();
        }
    }
}

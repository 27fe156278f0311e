package deploy.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.cli.PortoserException;
import lib.deploy.state.Deployed;
import lib.deploy.state.State;
import lib.deploy.state.StateStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** state.yml: round trip, the compose-farm short form, locked atomic updates from threads and processes. */
class StateStoreTest {
    @TempDir
    Path home;

    @Test
    void noFileIsEmptyState() {
        assertEquals(State.EMPTY, new StateStore(home).load());
    }

    @Test
    void roundTripKeepsHostImagesAndDeployId() throws Exception {
        StateStore store = new StateStore(home);
        Deployed web = new Deployed("h1", Map.of("web-web-1", "sha256:abc"), "2026-11-23T15:00:00Z", "deploy-20261123-150000-ab12");
        store.update(s -> s.with("web", web).with("db", Deployed.on("h2")));
        assertEquals(new State(Map.of("web", web, "db", Deployed.on("h2"))), new StateStore(home).load());
        assertEquals("""
                # Written by portoser after every deploy. No need to edit it: `portoser refresh` rebuilds it.
                deployed:
                  db:
                    host: h2
                  web:
                    host: h1
                    images:
                      web-web-1: sha256:abc
                    deployed_at: 2026-11-23T15:00:00Z
                    deploy_id: deploy-20261123-150000-ab12
                """, Files.readString(store.file()));
    }

    @Test
    void readsComposeFarmShortForm() throws Exception {
        Files.writeString(home.resolve("state.yml"), "deployed:\n  plex: nuc\n  sonarr: nas\n");
        State s = new StateStore(home).load();
        assertEquals(Map.of("plex", Deployed.on("nuc"), "sonarr", Deployed.on("nas")), s.deployed());
    }

    @Test
    void brokenFileNamesItselfAndTheFix() throws Exception {
        Files.writeString(home.resolve("state.yml"), "deployed: [a, b]\n");
        PortoserException e = assertThrows(PortoserException.class, () -> new StateStore(home).load());
        assertTrue(e.getMessage().contains("state.yml"), e.getMessage());
        assertEquals("rebuild it from what runs on the hosts: portoser refresh", e.hint());
    }

    @Test
    void unchangedUpdateDoesNotRewrite() throws Exception {
        StateStore store = new StateStore(home);
        store.update(s -> s.with("web", Deployed.on("h1")));
        Object inode = Files.getAttribute(store.file(), "unix:ino");
        store.update(s -> s.with("web", Deployed.on("h1")));
        assertEquals(inode, Files.getAttribute(store.file(), "unix:ino"));
    }

    @Test
    void changeReplacesTheFileByRenameNotInPlace() throws Exception {
        StateStore store = new StateStore(home);
        store.update(s -> s.with("web", Deployed.on("h1")));
        Object inode = Files.getAttribute(store.file(), "unix:ino");
        store.update(s -> s.with("web", Deployed.on("h2")));
        // A new inode means a rename: a reader holding the old file never sees a half-written one.
        assertTrue(!inode.equals(Files.getAttribute(store.file(), "unix:ino")));
        assertStrayFree();
    }

    /** OS file locks are per process, so the real proof is separate JVMs updating in a loop. */
    @Test
    void concurrentProcessesNeverLoseAnEntry() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> procs = new ArrayList<>();
        for (String prefix : List.of("a", "b", "c")) {
            procs.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    StateWriterProcess.class.getName(), home.toString(), prefix, "10").redirectErrorStream(true).start());
        }
        for (Process p : procs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "writer process hung");
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        }
        State s = new StateStore(home).load();
        assertEquals(30, s.deployed().size(), s.deployed().keySet().toString());
        assertEquals("sha256:b7", s.deployed().get("b7").images().get("b7-1"));
        assertStrayFree();
    }

    private void assertStrayFree() throws Exception {
        try (Stream<Path> files = Files.list(home)) {
            assertEquals(List.of("state.yml", "state.yml.lock"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}

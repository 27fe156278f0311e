package registry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import lib.registry.EditException;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryException;
import lib.registry.RegistryFile;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The effects around an edit: lock, re-read, validate, temp file, fsync, mode, atomic rename. */
class RegistryFileTest {
    static final String TEXT = """
            # lab registry
            hosts:
              nuc: {ip: 10.0.0.10, path: /opt/p}   # the box
            services:
              web:
                current_host: nuc
                deployment_type: docker
                docker_compose: web.yml
                port: 8080
              db:
                current_host: nuc
                deployment_type: docker
                docker_compose: db.yml
                port: 5432
            """;

    @TempDir
    Path dir;

    Path registry() throws IOException {
        Path f = dir.resolve("registry.yml");
        Files.writeString(f, TEXT);
        Files.setLastModifiedTime(f, FileTime.from(Instant.parse("2001-02-03T04:05:06Z")));
        return f;
    }

    /** Only the registry and its lock sidecar: no temp file left behind. */
    void assertNoStrayFiles() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("registry.yml", "registry.yml.lock"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void anEditIsWrittenByRenameKeepingTheMode() throws Exception {
        Path f = registry();
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Object inodeBefore = Files.getAttribute(f, "unix:ino");
        RegistryFile.Change c = RegistryFile.edit(f, t -> RegistryEdits.setServiceField(t, "web", "port", 9090));
        assertTrue(c.changed());
        assertEquals(TEXT.replace("port: 8080", "port: 9090"), Files.readString(f));
        assertEquals(9090, c.registry().services().get("web").port());
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertNotEquals(inodeBefore, Files.getAttribute(f, "unix:ino"), "a new inode: renamed into place, not rewritten");
        assertNoStrayFiles();
    }

    @Test
    void anEditThatWouldNotValidateLeavesTheFileByteForByte() throws Exception {
        Path f = registry();
        byte[] before = Files.readAllBytes(f);
        FileTime mtime = Files.getLastModifiedTime(f);
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryFile.edit(f, t -> RegistryEdits.setServiceField(RegistryEdits.setServiceField(t, "db", "port", 8080),
                        "web", "current_host", "nux")));
        assertEquals(2, e.exitCode());
        assertEquals("edit rejected, the registry would not validate (nothing was written):\n"
                + "  " + f + ":6:19: services.web.current_host: unknown host 'nux' (did you mean `nuc`?)", e.getMessage());
        assertEquals("line numbers refer to the edited text; " + f + " is unchanged", e.hint());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(mtime, Files.getLastModifiedTime(f));
        assertNoStrayFiles();
    }

    @Test
    void anEditThatCannotBeMadeLeavesTheFileAlone() throws Exception {
        Path f = registry();
        byte[] before = Files.readAllBytes(f);
        EditException e = assertThrows(EditException.class, () -> RegistryFile.edit(f, t -> RegistryEdits.removeService(t, "cache")));
        assertEquals("no service 'cache' in the registry", e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
        assertEquals(FileTime.from(Instant.parse("2001-02-03T04:05:06Z")), Files.getLastModifiedTime(f));
    }

    @Test
    void aDryRunValidatesButWritesNothing() throws Exception {
        Path f = registry();
        RegistryFile.Change c = RegistryFile.edit(f, t -> RegistryEdits.removeService(t, "db"), Map.of(), true);
        assertFalse(c.after().contains("db:"));
        assertEquals(TEXT, Files.readString(f));
        assertEquals(FileTime.from(Instant.parse("2001-02-03T04:05:06Z")), Files.getLastModifiedTime(f));
    }

    @Test
    void aSymlinkedRegistryStaysALink() throws Exception {
        Path real = registry();
        Path link = Files.createSymbolicLink(dir.resolve("current.yml"), real.getFileName());
        RegistryFile.edit(link, t -> RegistryEdits.setServiceField(t, "web", "port", 81));
        assertTrue(Files.isSymbolicLink(link));
        assertTrue(Files.readString(real).contains("port: 81\n"));
    }

    @Test
    void concurrentThreadsNeverLoseAnEdit() throws Exception {
        Path f = registry();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            String name = "t" + i;
            done.add(pool.submit(() -> RegistryFile.edit(f, t -> RegistryEdits.addService(t, name, EditorProcess.fields()))));
        }
        for (Future<?> d : done) d.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        Registry r = RegistryLoader.load(f, Map.of());
        for (int i = 0; i < 24; i++) assertTrue(r.services().containsKey("t" + i), "t" + i + " lost");
        assertEquals(26, r.services().size());
        assertNoStrayFiles();
    }

    /** OS file locks are per process, so the real test is separate JVMs, each making locked edits in a loop. */
    @Test
    void concurrentProcessesNeverLoseAnEdit() throws Exception {
        Path f = registry();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> procs = new ArrayList<>();
        for (String prefix : List.of("a", "b", "c")) {
            procs.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    EditorProcess.class.getName(), f.toString(), prefix, "8").redirectErrorStream(true).start());
        }
        for (Process p : procs) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "editor process hung");
            assertEquals(0, p.exitValue(), new String(p.getInputStream().readAllBytes()));
        }
        Registry r = RegistryLoader.load(f, Map.of());
        for (String prefix : List.of("a", "b", "c")) {
            for (int i = 0; i < 8; i++) assertTrue(r.services().containsKey(prefix + i), prefix + i + " lost");
        }
        assertEquals(26, r.services().size());
        assertTrue(Files.readString(f).startsWith(TEXT), "the original text is untouched; additions only follow it");
        assertNoStrayFiles();
    }
}

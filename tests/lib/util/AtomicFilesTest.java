package lib.util;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void aNewFileIsPrivateToItsUser() throws Exception {
        Path f = dir.resolve("sub/record.json");
        AtomicFiles.write(f, "{}\n");
        assertEquals("{}\n", Files.readString(f));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
    }

    @Test
    void aReplacedFileKeepsItsModeAndLeavesNoTempFile() throws Exception {
        Path f = dir.resolve("registry.yml");
        Files.writeString(f, "old\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        Object inode = Files.getAttribute(f, "unix:ino");
        AtomicFiles.write(f, "new\n");
        assertEquals("new\n", Files.readString(f));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertNotEquals(inode, Files.getAttribute(f, "unix:ino"), "replaced by rename, not rewritten in place");
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(1, s.count(), "no temp file left behind");
        }
    }
}

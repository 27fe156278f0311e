package lib.exec;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import lib.registry.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Directory sync sends only changed files, creates directories, keeps mtimes, never deletes. */
class DirSyncTest {
    @TempDir
    Path src;
    @TempDir
    Path home;

    private void tree() throws Exception {
        Files.createDirectories(src.resolve("conf/deep"));
        Files.writeString(src.resolve("compose.yml"), "services: {}\n");
        Files.writeString(src.resolve("conf/app.env"), "A=1\n");
        Files.writeString(src.resolve("conf/deep/x.txt"), "x".repeat(5000));
        Files.createDirectories(src.resolve("empty"));
    }

    /** SFTP channels opened on h1 so far, from its sshd log (LogLevel VERBOSE). */
    static long sftpSessions() throws Exception {
        return Files.readAllLines(Harness.hosts().sshdLog(1)).stream().filter(l -> l.contains("subsystem 'sftp'")).count();
    }

    @Test
    void overSftpOnlyChangedFilesAreSent() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        tree();
        Host h1 = Harness.host(1);
        String remote = h1.path() + "/sync-" + System.nanoTime();
        try (Executor ex = new Executor(Harness.options(home))) {
            assertEquals(new SyncResult(3, 0, 13 + 4 + 5000), ex.sync(h1, src, remote));
            long sftpBefore = sftpSessions();
            assertTrue(sftpBefore > 0, "the first sync went over SFTP, and sshd logged it");
            assertEquals(new SyncResult(0, 3, 0), ex.sync(h1, src, remote), "a repeat sends nothing");
            assertEquals(sftpBefore, sftpSessions(), "nothing to send: one listing command, no SFTP channel");
            Files.createDirectories(src.resolve("later"));
            assertEquals(new SyncResult(0, 3, 0), ex.sync(h1, src, remote));
            assertTrue(ex.run(h1, "test -d " + remote + "/later").ok(), "a new empty directory is still created");
            ex.run(h1, "echo mine > " + remote + "/conf/theirs.txt");
            Files.writeString(src.resolve("conf/app.env"), "A=2\n"); // same size: only the mtime tells
            Files.setLastModifiedTime(src.resolve("conf/app.env"), FileTime.fromMillis(1_100_000_000_000L));
            Files.setLastModifiedTime(src.resolve("compose.yml"), FileTime.fromMillis(1_000_000_000_000L));
            assertEquals(new SyncResult(2, 1, 13 + 4), ex.sync(h1, src, remote));
            Result r = ex.run(h1, "cat " + remote + "/conf/app.env " + remote + "/conf/theirs.txt; test -d " + remote + "/empty && echo dir;"
                    + " stat -c %Y " + remote + "/compose.yml");
            assertEquals("A=2\nmine\ndir\n1000000000\n", r.stdout(), "content, a file it did not create, empty dir, mtime");
        }
    }

    @Test
    void onThisMachineTheSameRulesApply(@TempDir Path dst) throws Exception {
        tree();
        Host local = new Host("me", "127.0.0.1", "root", 22, null, dst.toString(), null, null, null);
        try (Executor ex = new Executor(ExecOptions.defaults())) {
            assertEquals(3, ex.sync(local, src, dst + "/svc").sent());
            assertEquals(new SyncResult(0, 3, 0), ex.sync(local, src, dst + "/svc"));
            Files.writeString(dst.resolve("svc/extra"), "kept");
            Files.writeString(src.resolve("compose.yml"), "services: {a: {}}\n"); // size differs
            assertEquals(1, ex.sync(local, src, dst + "/svc").sent());
            assertEquals("kept", Files.readString(dst.resolve("svc/extra")));
            assertTrue(Files.isDirectory(dst.resolve("svc/empty")));
        }
    }
}

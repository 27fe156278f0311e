package lib.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;

/**
 * Replaces files so a reader sees the old content or the new, never a torn file, even if the process is killed
 * mid-write: temp file in the same folder (rename is atomic only within one filesystem), fsync, atomic rename,
 * fsync the folder. A file that existed keeps its mode (and owner, when we may); a new one is 0600, private to
 * its user — state and history may hold registry snapshots and .env files.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    public static void write(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            writeAndSync(tmp, text.getBytes(StandardCharsets.UTF_8));
            if (Files.exists(target)) copyOwnershipAndMode(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a complete temp file (synced) beside {@code target} and returns it, for callers that link or rename it. */
    public static Path synced(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        writeAndSync(tmp, text.getBytes(StandardCharsets.UTF_8));
        return tmp;
    }

    static void writeAndSync(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
    }

    /** createTempFile makes a 0600 file owned by us; a replaced file keeps the mode (and owner, when we may) it had. */
    private static void copyOwnershipAndMode(Path from, Path to) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view == null) return;
        PosixFileAttributes a = view.readAttributes();
        Files.setPosixFilePermissions(to, a.permissions());
        PosixFileAttributeView target = Files.getFileAttributeView(to, PosixFileAttributeView.class);
        try {
            if (!a.owner().equals(target.getOwner())) target.setOwner(a.owner());
            if (!a.group().equals(target.readAttributes().group())) target.setGroup(a.group());
        } catch (IOException notPermitted) {
            // Only root may give a file away; an unprivileged writer keeps owning its file.
        }
    }

    /** Makes a rename durable. Not every filesystem lets a directory be opened: best effort. */
    public static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // The content is already synced; only the rename's durability is at stake.
        }
    }
}

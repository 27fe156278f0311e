package lib.registry;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;

/** Replaces a file's content so readers see the old or the new text, never a mix or nothing. */
final class AtomicWrite {
    private AtomicWrite() {}

    /** Temp file in the same directory (rename is atomic only within one filesystem), fsync, same mode, rename. */
    static void replace(Path target, String text) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            writeAndSync(tmp, text.getBytes(StandardCharsets.UTF_8));
            copyOwnershipAndMode(target, tmp);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static void writeAndSync(Path file, byte[] bytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            ByteBuffer buf = ByteBuffer.wrap(bytes);
            while (buf.hasRemaining()) ch.write(buf);
            ch.force(true);
        }
    }

    /** createTempFile makes a 0600 file owned by us; the registry keeps the mode (and owner, when we may) it had. */
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
            // Only root may give a file away; an unprivileged editor keeps owning its edit.
        }
    }

    /** Makes the rename itself durable. Not every filesystem lets a directory be opened: best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException ignored) {
            // The file content is already synced; only the rename's durability is at stake.
        }
    }
}

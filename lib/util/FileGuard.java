package lib.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on `<file>.lock` for a read-modify-write of {@code file}, across processes (an OS lock) and
 * threads (OS locks are per process). The sidecar is never deleted: two writers must always lock the same inode.
 */
public final class FileGuard implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;

    private FileGuard(ReentrantLock threadLock, FileChannel channel) {
        this.threadLock = threadLock;
        this.channel = channel;
    }

    /** Blocks until both locks are held. */
    public static FileGuard lock(Path file) throws IOException {
        Path sidecar = file.resolveSibling(file.getFileName() + ".lock");
        Files.createDirectories(sidecar.toAbsolutePath().getParent());
        ReentrantLock l = IN_PROCESS.computeIfAbsent(sidecar.toAbsolutePath().normalize(), k -> new ReentrantLock());
        l.lock();
        FileChannel ch = null;
        try {
            ch = FileChannel.open(sidecar, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ch.lock();
            return new FileGuard(l, ch);
        } catch (IOException | RuntimeException e) {
            if (ch != null) ch.close();
            l.unlock();
            throw e;
        }
    }

    /** Closing the channel releases the OS lock. */
    @Override
    public void close() throws IOException {
        try {
            channel.close();
        } finally {
            threadLock.unlock();
        }
    }
}

package lib.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An exclusive lock on `<file>.lock`, held across processes (an OS file lock) and across threads
 * of this process (OS locks are per process, so a second thread would get an exception instead of
 * waiting). The sidecar is never deleted: deleting it would let two editors lock two different inodes.
 */
final class FileLock implements AutoCloseable {
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    private final ReentrantLock threadLock;
    private final FileChannel channel;

    private FileLock(ReentrantLock threadLock, FileChannel channel) {
        this.threadLock = threadLock;
        this.channel = channel;
    }

    static Path sidecar(Path file) {
        return file.resolveSibling(file.getFileName() + ".lock");
    }

    /** Blocks until both locks are held. */
    static FileLock acquire(Path file) throws IOException {
        ReentrantLock l = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new ReentrantLock());
        l.lock();
        try {
            FileChannel ch = FileChannel.open(sidecar(file), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                ch.lock();
                return new FileLock(l, ch);
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        } catch (IOException | RuntimeException e) {
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

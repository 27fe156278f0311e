package lib.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Where a directory sync writes: a remote host over SFTP or this machine's filesystem. */
interface SyncTarget {
    /** Size and mtime of one file, the only things compared to decide whether to send it. */
    record Stamp(long size, long mtimeSeconds) {}

    /** Regular files directly in {@code dir} by name, or null when {@code dir} does not exist. */
    Map<String, Stamp> list(String dir) throws IOException;

    void mkdirs(String dir) throws IOException;

    /** Writes the file and sets its mtime to {@code stamp}'s, so the next sync finds it unchanged. */
    void put(Path local, String remote, Stamp stamp) throws IOException;
}

package lib.server;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import lib.cli.PortoserException;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * The registry as the server sees it: reloaded whenever the file's modification time or size changes (checked on
 * every {@link #get}, a stat is cheap next to any request). When a reload fails validation the last good registry
 * stays in use and {@link #error()} says why, so a half-saved edit never takes the API down.
 */
public final class RegistrySource {
    private final Path file;
    private Registry current;
    private FileTime loadedTime;
    private long loadedSize = -1;
    private String error;
    private long generation;

    public RegistrySource(Path file) {
        this.file = file.toAbsolutePath().normalize();
        this.current = RegistryLoader.load(this.file);
        stamp();
        generation = 1;
    }

    public Path file() { return file; }

    /** The registry, reloaded first when the file changed since the last load. */
    public synchronized Registry get() {
        try {
            FileTime t = Files.getLastModifiedTime(file);
            long size = Files.size(file);
            if (t.equals(loadedTime) && size == loadedSize) return current;
            try {
                current = RegistryLoader.load(file);
                error = null;
                generation++;
            } catch (PortoserException e) {
                error = e.getMessage();
            }
            loadedTime = t;
            loadedSize = size;
        } catch (java.io.IOException e) {
            error = "cannot read " + file + ": " + e.getMessage();
        }
        return current;
    }

    /**
     * Reload at the next {@link #get}: for a writer in this process (the registry routes), whose edit may land in
     * the same clock tick as the last load with the same size, which the stat check alone would miss.
     */
    public synchronized void changed() {
        loadedTime = null;
        loadedSize = -1;
    }

    /** Why the newest file content is not in use (null when it is). */
    public synchronized String error() { return error; }

    /** Goes up by one at every successful reload (the UI can tell when to refresh). */
    public synchronized long generation() { return generation; }

    private void stamp() {
        try {
            loadedTime = Files.getLastModifiedTime(file);
            loadedSize = Files.size(file);
        } catch (java.io.IOException e) {
            loadedTime = null;
        }
    }
}

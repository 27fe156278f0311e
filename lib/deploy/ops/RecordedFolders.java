package lib.deploy.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import lib.deploy.ServiceDirs;
import lib.deploy.history.ServiceFiles;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * A rollback's private copies of service folders: the folder as it is now (mtimes kept, so the sync sends only
 * what differs), with the definition files a record kept written back. The user's folder is only read.
 * {@link #close} deletes the one temporary directory this made, nothing else.
 */
final class RecordedFolders implements AutoCloseable {
    private final Path root;

    private RecordedFolders(Path root) {
        this.root = root;
    }

    static RecordedFolders create() {
        try {
            return new RecordedFolders(Files.createTempDirectory("portoser-rollback-"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder for the rollback", e);
        }
    }

    /** {@code s} deployed from a copy of its folder holding {@code files} (name → text) instead of the current ones. */
    Service restore(Registry registry, Service s, Map<String, String> files) {
        Path original = ServiceDirs.localDir(registry, s);
        Path copy = root.resolve(s.name());
        try {
            if (Files.isDirectory(original)) copyTree(original, copy);
            else Files.createDirectories(copy);
            for (var f : files.entrySet()) writeBack(copy.resolve(f.getKey()), f.getValue(), original.resolve(f.getKey()));
            // An extra the record does not hold was absent at deploy time: leave it out of the copy too.
            for (String extra : ServiceFiles.EXTRAS) if (!files.containsKey(extra)) Files.deleteIfExists(copy.resolve(extra));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + s.name() + "'s recorded folder in " + root, e);
        }
        String main = ServiceDirs.localFile(registry, s).getFileName().toString();
        return Rehome.definedBy(s, copy.resolve(main).toString());
    }

    /**
     * Writes a recorded file. Same text as now: the current mtime is kept (nothing to send). Other text: its
     * mtime must differ from the current file's, since the sync compares only size and mtime and `:1` → `:2`
     * keeps the size.
     */
    private static void writeBack(Path copy, String text, Path current) throws IOException {
        Files.writeString(copy, text);
        if (!Files.isRegularFile(current)) return;
        FileTime now = Files.getLastModifiedTime(current);
        if (text.equals(ServiceFiles.read(current))) Files.setLastModifiedTime(copy, now);
        else if (Files.getLastModifiedTime(copy).toMillis() / 1000 == now.toMillis() / 1000) {
            Files.setLastModifiedTime(copy, FileTime.fromMillis(now.toMillis() + 1000));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes a) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(dir).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes a) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()), StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    @Override
    public void close() {
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the rollback's temporary folder " + root, e);
        }
    }
}

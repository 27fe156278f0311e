package lib.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Makes a target directory hold the files of a local one, sending only files whose size or mtime differ.
 * Never deletes: files on the target that are not in the source are left alone.
 */
final class DirSync {
    private DirSync() {}

    static SyncResult sync(Path localDir, String targetDir, SyncTarget target) throws IOException {
        int sent = 0, skipped = 0;
        long bytes = 0;
        for (Map.Entry<String, List<Path>> dir : filesByDir(localDir).entrySet()) {
            String remoteDir = join(targetDir, dir.getKey());
            Map<String, SyncTarget.Stamp> there = target.list(remoteDir);
            if (there == null) {
                target.mkdirs(remoteDir);
                there = Map.of();
            }
            for (Path f : dir.getValue()) {
                SyncTarget.Stamp here = stamp(f);
                if (here.equals(there.get(f.getFileName().toString()))) {
                    skipped++;
                    continue;
                }
                target.put(f, join(remoteDir, f.getFileName().toString()), here);
                sent++;
                bytes += here.size();
            }
        }
        return new SyncResult(sent, skipped, bytes);
    }

    /**
     * Whether the target already has every local directory, and every local file with the same size and mtime;
     * returns how many files that is, or -1 when something must be sent or created.
     */
    static int upToDate(Path localDir, RemoteListing.Listing there) throws IOException {
        int files = 0;
        for (Map.Entry<String, List<Path>> dir : filesByDir(localDir).entrySet()) {
            if (!there.dirs().contains(dir.getKey())) return -1;
            for (Path f : dir.getValue()) {
                String rel = dir.getKey().isEmpty() ? f.getFileName().toString() : dir.getKey() + "/" + f.getFileName();
                if (!stamp(f).equals(there.files().get(rel))) return -1;
                files++;
            }
        }
        return files;
    }

    /** Every directory under {@code root} (relative path, "" for root) with its regular files, parents first. */
    static TreeMap<String, List<Path>> filesByDir(Path root) throws IOException {
        if (!Files.isDirectory(root)) throw new IOException("not a directory: " + root);
        TreeMap<String, List<Path>> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (Files.isDirectory(p)) out.computeIfAbsent(relative(root, p), k -> new ArrayList<>());
                else if (Files.isRegularFile(p)) out.computeIfAbsent(relative(root, p.getParent()), k -> new ArrayList<>()).add(p);
            }
        }
        return out;
    }

    static SyncTarget.Stamp stamp(Path f) throws IOException {
        return new SyncTarget.Stamp(Files.size(f), Files.getLastModifiedTime(f).toMillis() / 1000);
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    static String join(String dir, String rel) {
        if (rel.isEmpty()) return dir;
        return dir.endsWith("/") ? dir + rel : dir + "/" + rel;
    }
}

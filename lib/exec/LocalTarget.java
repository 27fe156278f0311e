package lib.exec;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.HashMap;
import java.util.Map;

/** A sync target on this machine: plain file copies, same rules as over SFTP. */
final class LocalTarget implements SyncTarget {
    @Override
    public Map<String, Stamp> list(String dir) throws IOException {
        Path d = Path.of(dir);
        if (!Files.isDirectory(d)) return null;
        Map<String, Stamp> out = new HashMap<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(d)) {
            for (Path p : s) if (Files.isRegularFile(p)) out.put(p.getFileName().toString(), DirSync.stamp(p));
        }
        return out;
    }

    @Override
    public void mkdirs(String dir) throws IOException { Files.createDirectories(Path.of(dir)); }

    @Override
    public void put(Path local, String remote, Stamp stamp) throws IOException {
        Path to = Path.of(remote);
        if (Files.exists(to) && Files.isSameFile(local, to)) return;
        Files.copy(local, to, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(to, FileTime.fromMillis(stamp.mtimeSeconds() * 1000));
    }
}

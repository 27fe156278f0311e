package lib.exec;

import lib.util.AtomicFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Appends host keys to portoser's own known_hosts: write a temp file, then rename, so a crash never truncates it. */
public final class TrustedKeys {
    private TrustedKeys() {}

    /** Adds {@code line} unless it is already there; returns whether the file changed. */
    public static synchronized boolean record(Path file, String line) throws IOException {
        List<String> lines = Files.isRegularFile(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : new ArrayList<>();
        if (lines.stream().anyMatch(l -> l.trim().equals(line.trim()))) return false;
        List<String> next = new ArrayList<>(lines);
        next.add(line);
        AtomicFiles.write(file, String.join("\n", next) + "\n");
        return true;
    }
}

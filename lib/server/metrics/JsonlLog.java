package lib.server.metrics;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import lib.util.AtomicFiles;
import lib.util.Json;

/**
 * An append-only JSON-lines file that stays bounded: once it holds twice {@code keep} lines it is rewritten
 * (atomically) with the newest {@code keep}, so appends stay cheap and the file never grows past 2 × keep lines.
 * A line torn by a crash mid-append is dropped when the file is opened.
 */
public final class JsonlLog {
    private final Path file;
    private final int keep;
    private int lines;

    public JsonlLog(Path file, int keep) throws IOException {
        if (keep < 1) throw new IllegalArgumentException("keep must be at least 1, got " + keep);
        this.file = file;
        this.keep = keep;
        List<String> all = readLines();
        if (Files.exists(file) && Files.size(file) > 0 && !endsWithNewline()) AtomicFiles.write(file, joined(all));
        lines = all.size();
    }

    public Path file() { return file; }

    public synchronized void append(Object value) throws IOException {
        String line = Json.MAPPER.writeValueAsString(value);
        if (lines + 1 > 2 * keep) {
            List<String> all = readLines();
            all.add(line);
            List<String> newest = all.subList(Math.max(0, all.size() - keep), all.size());
            AtomicFiles.write(file, joined(newest));
            lines = newest.size();
            return;
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        // One small write with O_APPEND: concurrent readers see whole lines.
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        lines++;
    }

    /** The newest {@code keep} complete lines, oldest first. */
    public synchronized List<String> tail() throws IOException {
        List<String> all = readLines();
        return new ArrayList<>(all.subList(Math.max(0, all.size() - keep), all.size()));
    }

    /** Lines in the file now (for tests of the bound). */
    public synchronized int lines() { return lines; }

    /**
     * A file name for a registry name: the name itself when it is plainly safe, else a hex spelling, so no name
     * can climb out of the folder or clash with another.
     */
    public static String fileName(String name, String suffix) {
        boolean plain = name.matches("[A-Za-z0-9][A-Za-z0-9_-]*(\\.[A-Za-z0-9_-]+)*") && name.length() <= 100;
        return (plain ? name : "x-" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8))) + suffix;
    }

    private List<String> readLines() throws IOException {
        if (!Files.exists(file)) return new ArrayList<>();
        String text = Files.readString(file, StandardCharsets.UTF_8);
        List<String> out = new ArrayList<>(text.lines().filter(l -> !l.isBlank()).toList());
        if (!text.isEmpty() && !text.endsWith("\n") && !out.isEmpty()) out.remove(out.size() - 1);
        return out;
    }

    private boolean endsWithNewline() throws IOException {
        byte[] b = Files.readAllBytes(file);
        return b.length == 0 || b[b.length - 1] == '\n';
    }

    private static String joined(List<String> lines) {
        return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
    }
}

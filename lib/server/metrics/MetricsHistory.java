package lib.server.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import lib.util.Json;

/**
 * The samples kept per host: the newest {@code keep} in memory (a {@link Ring}) and the same on disk in
 * {@code <dir>/<host>.jsonl} (a {@link JsonlLog}, at most 2 × keep lines), read back into the rings on open so a
 * restarted server still has its charts.
 */
public final class MetricsHistory {
    private final Path dir;
    private final int keep;
    private final Map<String, Ring<Sample>> rings = new ConcurrentHashMap<>();
    private final Map<String, JsonlLog> logs = new ConcurrentHashMap<>();
    private volatile String lastWriteError;

    private MetricsHistory(Path dir, int keep) {
        this.dir = dir;
        this.keep = keep;
    }

    /** Opens {@code dir} (made when missing) and restores what its files hold. */
    public static MetricsHistory open(Path dir, int keep) throws IOException {
        MetricsHistory h = new MetricsHistory(dir, keep);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".jsonl")).sorted().toList()) h.restore(f);
        }
        return h;
    }

    private void restore(Path file) throws IOException {
        JsonlLog log = new JsonlLog(file, keep);
        for (String line : log.tail()) {
            Sample s = parse(line);
            if (s == null || s.host() == null) continue;
            ring(s.host()).add(s);
            if (file.getFileName().toString().equals(JsonlLog.fileName(s.host(), ".jsonl"))) logs.putIfAbsent(s.host(), log);
        }
    }

    private static Sample parse(String line) {
        try {
            return Json.MAPPER.readValue(line, Sample.class);
        } catch (JsonProcessingException e) {
            return null; // a line from another version or a hand edit: skipped, not fatal
        }
    }

    public int keep() { return keep; }

    public Path dir() { return dir; }

    /** Keeps the sample in memory and on disk; a disk failure is reported once and does not lose the sample. */
    public void add(Sample s) {
        ring(s.host()).add(s);
        try {
            JsonlLog log = logs.get(s.host());
            if (log == null) log = logs.computeIfAbsent(s.host(), this::newLog);
            log.append(s);
            lastWriteError = null;
        } catch (IOException | java.io.UncheckedIOException e) {
            String msg = "portoser web: metrics: cannot write " + dir + ": " + e.getMessage();
            if (!msg.equals(lastWriteError)) System.err.println(msg);
            lastWriteError = msg;
        }
    }

    private JsonlLog newLog(String host) {
        try {
            return new JsonlLog(dir.resolve(JsonlLog.fileName(host, ".jsonl")), keep);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The host's newest sample, or null when it has none. */
    public Sample latest(String host) {
        Ring<Sample> r = rings.get(host);
        return r == null ? null : r.last();
    }

    /** The host's kept samples newer than {@code sinceMillis} (0: all), oldest first. */
    public List<Sample> series(String host, long sinceMillis) {
        Ring<Sample> r = rings.get(host);
        return r == null ? List.of() : r.where(s -> s.ts() > sinceMillis);
    }

    private Ring<Sample> ring(String host) { return rings.computeIfAbsent(host, k -> new Ring<>(keep)); }
}

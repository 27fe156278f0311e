package lib.server.uptime;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import lib.server.metrics.JsonlLog;
import lib.util.Json;

/**
 * Every service's {@link ServiceHistory}, kept on disk under {@code <dir>} as {@code <service>.checks.jsonl} and
 * {@code <service>.transitions.jsonl} (bounded {@link JsonlLog}s) and read back on open, so uptime and the last
 * state survive a restart (and the first poll after one does not report a change that did not happen).
 */
public final class UptimeHistory {
    private static final String CHECKS = ".checks.jsonl", TRANSITIONS = ".transitions.jsonl";
    private final Path dir;
    private final int keepChecks;
    private final int keepTransitions;
    private final Map<String, ServiceHistory> services = new ConcurrentHashMap<>();
    private final Map<String, JsonlLog> logs = new ConcurrentHashMap<>();
    private volatile String lastWriteError;

    private UptimeHistory(Path dir, int keepChecks, int keepTransitions) {
        this.dir = dir;
        this.keepChecks = keepChecks;
        this.keepTransitions = keepTransitions;
    }

    public static UptimeHistory open(Path dir, int keepChecks, int keepTransitions) throws IOException {
        UptimeHistory h = new UptimeHistory(dir, keepChecks, keepTransitions);
        Files.createDirectories(dir);
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(CHECKS)) h.restore(f, keepChecks, Check.class);
                else if (n.endsWith(TRANSITIONS)) h.restore(f, keepTransitions, Transition.class);
            }
        }
        return h;
    }

    private void restore(Path file, int keep, Class<?> type) throws IOException {
        JsonlLog log = new JsonlLog(file, keep);
        for (String line : log.tail()) {
            Object o = parse(line, type);
            if (o instanceof Check c && c.service() != null) of(c.service()).restore(c);
            else if (o instanceof Transition t && t.service() != null) of(t.service()).restore(t);
        }
    }

    private static Object parse(String line, Class<?> type) {
        try {
            return Json.MAPPER.readValue(line, type);
        } catch (JsonProcessingException e) {
            return null; // skipped, not fatal
        }
    }

    /** Records a check in memory and on disk; returns the transition it caused, or null. */
    public Transition record(Check c) {
        Transition t = of(c.service()).record(c);
        write(c.service(), CHECKS, keepChecks, c);
        if (t != null) write(c.service(), TRANSITIONS, keepTransitions, t);
        return t;
    }

    /** The service's history, made empty on first use. */
    public ServiceHistory of(String service) {
        return services.computeIfAbsent(service, k -> new ServiceHistory(keepChecks, keepTransitions));
    }

    /** The service's history when it has one, else null (nothing is made). */
    public ServiceHistory find(String service) { return services.get(service); }

    private void write(String service, String suffix, int keep, Object line) {
        try {
            String name = JsonlLog.fileName(service, suffix);
            JsonlLog log = logs.get(name);
            if (log == null) log = logs.computeIfAbsent(name, n -> newLog(dir.resolve(n), keep));
            log.append(line);
            lastWriteError = null;
        } catch (IOException | UncheckedIOException e) {
            String msg = "portoser web: uptime: cannot write " + dir + ": " + e.getMessage();
            if (!msg.equals(lastWriteError)) System.err.println(msg);
            lastWriteError = msg;
        }
    }

    private static JsonlLog newLog(Path file, int keep) {
        try {
            return new JsonlLog(file, keep);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

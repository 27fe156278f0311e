package lib.solve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import lib.util.AtomicFiles;

/**
 * Stops auto-healing a service+fingerprint pair that failed {@link #LIMIT} times within {@link #WINDOW}: a fix
 * that keeps not sticking points at a real bug, and repeating it only hides that. Persisted under
 * $PORTOSER_HOME/solve/breaker/ (one file of failure timestamps per pair) so it holds across deploy runs; failures
 * age out of the window, and deleting the file resets it by hand.
 */
public final class CircuitBreaker {
    public static final int LIMIT = 3;
    public static final Duration WINDOW = Duration.ofHours(1);
    private final Path dir;
    private final Clock clock;

    public CircuitBreaker(Path portoserHome, Clock clock) {
        this.dir = portoserHome.resolve("solve/breaker");
        this.clock = clock;
    }

    public CircuitBreaker(Path portoserHome) { this(portoserHome, Clock.systemUTC()); }

    public Path file(String service, String fingerprint) {
        return dir.resolve(safe(service) + "__" + safe(fingerprint) + ".failures");
    }

    /** Open = do not heal: {@link #LIMIT} or more failures inside the window. */
    public synchronized boolean open(String service, String fingerprint) {
        return recent(service, fingerprint).size() >= LIMIT;
    }

    public synchronized void recordFailure(String service, String fingerprint) {
        List<Instant> kept = new ArrayList<>(recent(service, fingerprint));
        kept.add(clock.instant());
        write(service, fingerprint, kept);
    }

    /** Why the breaker is open, for the user: the pair, the count, the window and how to reset it. */
    public String explain(String service, String fingerprint) {
        List<Instant> r = recent(service, fingerprint);
        return "auto-heal stopped for " + service + "/" + fingerprint + ": " + r.size() + " failed fixes within the last "
                + WINDOW.toMinutes() + " minutes (last at " + (r.isEmpty() ? "?" : r.get(r.size() - 1)) + "); this keeps coming "
                + "back, so fix the cause by hand (it re-arms an hour after the last failure, or delete " + file(service, fingerprint) + ")";
    }

    List<Instant> recent(String service, String fingerprint) {
        Path f = file(service, fingerprint);
        if (!Files.isRegularFile(f)) return List.of();
        Instant since = clock.instant().minus(WINDOW);
        try {
            return Files.readAllLines(f).stream().map(String::strip).filter(l -> !l.isEmpty()).map(CircuitBreaker::parse)
                    .filter(t -> t != null && t.isAfter(since)).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void write(String service, String fingerprint, List<Instant> times) {
        StringBuilder sb = new StringBuilder();
        times.forEach(t -> sb.append(t).append('\n'));
        try {
            Files.createDirectories(dir);
            AtomicFiles.write(file(service, fingerprint), sb.toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Instant parse(String s) {
        try {
            return Instant.parse(s);
        } catch (java.time.format.DateTimeParseException e) {
            return null; // a damaged line is ignored rather than blocking every heal
        }
    }

    private static String safe(String s) { return s.replaceAll("[^A-Za-z0-9_.-]", "_"); }
}

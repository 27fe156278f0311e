package lib.deploy.history;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.util.AtomicFiles;
import lib.registry.Suggest;
import lib.util.Json;

/**
 * `$PORTOSER_HOME/deployments/<id>.json`, one file per run, each written atomically. Every read applies the
 * {@link Watchdog}: a record left running by a dead process is rewritten as abandoned before it is returned.
 */
public final class HistoryStore {
    private static final Pattern ID = Pattern.compile("deploy-\\d{8}-\\d{6}-[0-9a-f]{4}");

    private final Path dir;

    public HistoryStore(Path portoserHome) {
        this.dir = portoserHome.resolve("deployments");
    }

    public static HistoryStore standard() {
        return new HistoryStore(lib.exec.ExecOptions.defaults().portoserHome());
    }

    public Path dir() { return dir; }

    public Path file(String id) { return dir.resolve(id + ".json"); }

    public void write(DeploymentRecord r) {
        try {
            AtomicFiles.write(file(r.id()), Json.pretty(r) + "\n");
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot write deploy record " + file(r.id()) + ": " + e.getMessage());
        }
    }

    /**
     * Every readable record, newest first. Ordered by start time, not id: two runs in the same second have ids
     * that differ only in their random suffix.
     */
    public List<DeploymentRecord> list() {
        List<DeploymentRecord> out = new ArrayList<>();
        for (String id : ids()) read(id).ifPresent(out::add);
        out.sort(Comparator.comparing(HistoryStore::started).thenComparing(DeploymentRecord::id).reversed());
        return out;
    }

    private static Instant started(DeploymentRecord r) {
        try {
            return r.startedAt() == null ? Instant.EPOCH : Instant.parse(r.startedAt());
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The newest {@code limit} records, only those that touched {@code service} when it is not null. */
    public List<DeploymentRecord> list(String service, int limit) {
        return list().stream().filter(r -> service == null || r.services().contains(service)).limit(Math.max(0, limit)).toList();
    }

    /** The record with this id (or the only one starting with it). */
    public DeploymentRecord get(String idOrPrefix) {
        return find(idOrPrefix).orElseThrow(() -> unknown(idOrPrefix, ids(), 0));
    }

    /** As {@link #get}, empty when no record matches; a prefix matching several is still an error naming how many. */
    public Optional<DeploymentRecord> find(String idOrPrefix) {
        List<String> ids = ids();
        List<String> match = ids.contains(idOrPrefix) ? List.of(idOrPrefix) : ids.stream().filter(i -> i.startsWith(idOrPrefix)).toList();
        if (match.size() > 1) throw unknown(idOrPrefix, ids, match.size());
        return match.isEmpty() ? Optional.empty() : read(match.get(0));
    }

    /**
     * Deletes all but the newest {@code keep} records. A running record is never deleted: its deploy is
     * still writing it.
     * @return the ids deleted, oldest last
     */
    public List<String> cleanup(int keep) {
        List<String> deleted = new ArrayList<>();
        List<DeploymentRecord> all = list();
        for (int i = keep; i < all.size(); i++) {
            if (all.get(i).running()) continue;
            delete(all.get(i).id());
            deleted.add(all.get(i).id());
        }
        return deleted;
    }

    /** Record ids on disk, newest first (ids sort by time). */
    public List<String> ids() {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .map(n -> n.substring(0, n.length() - 5)).filter(n -> ID.matcher(n).matches())
                    .sorted(Comparator.reverseOrder()).toList();
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot list " + dir + ": " + e.getMessage());
        }
    }

    /** One record, with the watchdog applied; empty when the file is gone or unreadable. */
    Optional<DeploymentRecord> read(String id) {
        DeploymentRecord r;
        try {
            r = Json.MAPPER.readerFor(DeploymentRecord.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                    .readValue(Files.readString(file(id)));
        } catch (IOException e) {
            return Optional.empty();
        }
        Optional<DeploymentRecord> abandoned = Watchdog.check(r, Instant.now());
        abandoned.ifPresent(this::write);
        return Optional.of(abandoned.orElse(r));
    }

    private void delete(String id) {
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot delete " + file(id) + ": " + e.getMessage());
        }
    }

    private static PortoserException unknown(String id, List<String> ids, int matches) {
        if (matches > 1) return new PortoserException(ExitCode.BAD_INPUT, "'" + id + "' matches " + matches + " deploys", "give more of the id");
        String dym = Suggest.didYouMean(id, ids);
        return new PortoserException(ExitCode.BAD_INPUT, "no deploy '" + id + "'", dym != null ? dym : "list them: portoser history list");
    }
}

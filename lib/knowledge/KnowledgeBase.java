package lib.knowledge;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import lib.knowledge.Playbook.Entry;
import lib.knowledge.Playbook.Step;
import lib.util.FileGuard;
import lib.util.Json;

/**
 * The read side of `knowledge/`, shared by the CLI, the API, the UI and the solver: every sighting, playbook and
 * event, loaded under the writers' lock so a record is seen whole or not at all. Unreadable files are skipped.
 */
public final class KnowledgeBase implements lib.solve.Playbooks {
    private final KnowledgeDir dir;
    private final List<Sighting> sightings;
    private final Map<String, Playbook> playbooks;
    private final List<ProblemEvent> events;

    private KnowledgeBase(KnowledgeDir dir, List<Sighting> sightings, Map<String, Playbook> playbooks, List<ProblemEvent> events) {
        this.dir = dir;
        this.sightings = List.copyOf(sightings);
        this.playbooks = playbooks;
        this.events = List.copyOf(events);
    }

    public static KnowledgeBase standard() { return load(KnowledgeDir.standard()); }

    public static KnowledgeBase load(KnowledgeDir dir) {
        if (!Files.isDirectory(dir.root())) return new KnowledgeBase(dir, List.of(), new TreeMap<>(), List.of());
        try (FileGuard g = FileGuard.lock(dir.guarded())) {
            return new KnowledgeBase(dir, readSightings(dir.frequency()), readPlaybooks(dir.playbooks()), readEvents(dir.history()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the knowledge base in " + dir.root() + ": " + e.getMessage(), e);
        }
    }

    public KnowledgeDir dir() { return dir; }

    public boolean isEmpty() { return sightings.isEmpty() && playbooks.isEmpty() && events.isEmpty(); }

    public List<Sighting> sightings() { return sightings; }

    public List<ProblemEvent> events() { return events; }

    /** Playbooks by fingerprint, sorted by name. */
    public List<Playbook> playbooks() { return List.copyOf(playbooks.values()); }

    public Optional<Playbook> playbook(String fingerprint) { return Optional.ofNullable(playbooks.get(fingerprint)); }

    /** The human playbook as written, or rendered from nothing if only the twin survived. */
    public Optional<String> playbookMarkdown(String fingerprint) {
        Path md = dir.playbookMarkdown(fingerprint);
        try {
            return Files.isRegularFile(md) ? Optional.of(Files.readString(md)) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Every fingerprint seen or resolved. */
    public Set<String> fingerprints() {
        Set<String> s = new TreeSet<>(playbooks.keySet());
        sightings.forEach(x -> s.add(x.fingerprint()));
        return s;
    }

    /** Every fingerprint a name may refer to: the diagnoser's catalogue and whatever was recorded. */
    public Set<String> knownFingerprints() {
        Set<String> s = new TreeSet<>(Suggestions.CATALOG);
        s.addAll(fingerprints());
        return s;
    }

    /** Every service a problem was seen on. */
    public Set<String> services() {
        Set<String> s = new TreeSet<>();
        sightings.forEach(x -> s.add(x.service()));
        events.forEach(x -> s.add(x.service()));
        return s;
    }

    /**
     * The recorded steps that worked for this fingerprint, for the solver to try first: this service on this host,
     * then this service on other hosts, then any service; each group most successful first, no step twice.
     */
    @Override
    public List<String> stepsFor(String fingerprint, String service, String host) {
        Playbook pb = playbooks.get(fingerprint);
        if (pb == null) return List.of();
        Set<String> steps = new LinkedHashSet<>();
        steps.addAll(ranked(pb.entries().stream().filter(e -> same(e.service(), service) && same(e.host(), host))));
        steps.addAll(ranked(pb.entries().stream().filter(e -> same(e.service(), service))));
        steps.addAll(ranked(pb.entries().stream()));
        return List.copyOf(steps);
    }

    /** Steps summed over the given entries, most successes first, ties by most recent. */
    private static List<String> ranked(Stream<Entry> entries) {
        Map<String, int[]> total = new LinkedHashMap<>();
        Map<String, String> last = new LinkedHashMap<>();
        entries.flatMap(e -> e.steps().stream()).forEach(s -> {
            total.computeIfAbsent(s.step(), k -> new int[1])[0] += s.successes();
            last.merge(s.step(), nz(s.lastSeen()), (a, b) -> a.compareTo(b) >= 0 ? a : b);
        });
        return total.keySet().stream()
                .sorted(Comparator.<String>comparingInt(k -> -total.get(k)[0]).thenComparing(k -> last.get(k), Comparator.reverseOrder()))
                .toList();
    }

    private static boolean same(String a, String b) { return a != null && a.equals(b); }

    private static String nz(String s) { return s == null ? "" : s; }

    private static List<Sighting> readSightings(Path f) throws IOException {
        if (!Files.isRegularFile(f)) return List.of();
        return Files.readAllLines(f).stream().map(Sighting::parse).flatMap(Optional::stream).toList();
    }

    private static Map<String, Playbook> readPlaybooks(Path d) throws IOException {
        Map<String, Playbook> out = new TreeMap<>();
        for (Path f : jsonFiles(d)) readJson(f, Playbook.class).ifPresent(p -> out.put(p.fingerprint(), p));
        return out;
    }

    /** Oldest first: file names start with the UTC time. */
    private static List<ProblemEvent> readEvents(Path d) throws IOException {
        List<ProblemEvent> out = new ArrayList<>();
        for (Path f : jsonFiles(d)) readJson(f, ProblemEvent.class).ifPresent(out::add);
        out.sort(Comparator.comparing(e -> nz(e.ts())));
        return out;
    }

    private static List<Path> jsonFiles(Path d) throws IOException {
        if (!Files.isDirectory(d)) return List.of();
        try (Stream<Path> s = Files.list(d)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json") && !p.getFileName().toString().startsWith("."))
                    .sorted().toList();
        }
    }

    private static <T> Optional<T> readJson(Path f, Class<T> type) {
        try {
            return Optional.of(Json.MAPPER.readValue(f.toFile(), type));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}

package lib.standardize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import lib.diagnose.Problem;
import lib.knowledge.KnowledgeDir;
import lib.knowledge.Playbook;
import lib.knowledge.ProblemEvent;
import lib.knowledge.Sighting;
import lib.solve.Outcome;
import lib.util.AtomicFiles;
import lib.util.FileGuard;
import lib.util.Json;

/**
 * The learn stage: after every resolution attempt, count the problem in `problem_frequency.txt` and keep the full
 * event in `patterns_history/`; after a successful one, fold the steps that worked into the fingerprint's playbook
 * (`.json` twin + `.md`). Everything happens under one lock and every file is replaced atomically, so concurrent
 * deploys (threads or processes) never lose a record and readers never see a torn file.
 */
public final class Learner {
    private static final DateTimeFormatter FILE_TS = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final KnowledgeDir dir;
    private final Clock clock;

    public Learner(KnowledgeDir dir, Clock clock) {
        this.dir = dir;
        this.clock = clock;
    }

    public static Learner standard() { return new Learner(KnowledgeDir.standard(), Clock.systemUTC()); }

    public KnowledgeDir dir() { return dir; }

    /** A FIXED outcome counts as resolved. */
    public Path record(Problem problem, Outcome outcome, String deployId) {
        return record(problem, outcome, deployId, outcome.status() == Outcome.Status.FIXED);
    }

    /**
     * Records one attempt; {@code resolved} is true for FIXED, or for a RETRY whose retried step then succeeded.
     * Returns the history event's file.
     */
    public Path record(Problem problem, Outcome outcome, String deployId, boolean resolved) {
        Instant now = clock.instant();
        String ts = now.toString();
        try (FileGuard g = FileGuard.lock(dir.guarded())) {
            appendSighting(new Sighting(ts, problem.fingerprint(), problem.service(), problem.host()));
            if (resolved) updatePlaybook(problem, outcome, ts);
            return writeEvent(new ProblemEvent(ts, deployId, problem.fingerprint(), problem.service(), problem.host(),
                    resolved, problem, outcome), now);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record to the knowledge base in " + dir.root() + ": " + e.getMessage(), e);
        }
    }

    /** Rewritten whole (atomically) rather than appended: a crash mid-append would leave a torn last line. */
    private void appendSighting(Sighting s) throws IOException {
        Path f = dir.frequency();
        String old = Files.exists(f) ? Files.readString(f) : "";
        if (!old.isEmpty() && !old.endsWith("\n")) old += "\n";
        AtomicFiles.write(f, old + s.line() + "\n");
    }

    private void updatePlaybook(Problem p, Outcome o, String ts) throws IOException {
        Path json = dir.playbookJson(p.fingerprint());
        Playbook old = Files.exists(json) ? Json.MAPPER.readValue(json.toFile(), Playbook.class) : null;
        Playbook merged = PlaybookMerge.merge(old, p, o, ts);
        AtomicFiles.write(json, Json.pretty(merged) + "\n");
        AtomicFiles.write(dir.playbookMarkdown(p.fingerprint()), PlaybookMarkdown.render(merged));
    }

    /** Two events in the same millisecond for the same service get -2, -3…: we hold the lock, so the check is safe. */
    private Path writeEvent(ProblemEvent e, Instant now) throws IOException {
        String base = FILE_TS.format(now) + "-" + KnowledgeDir.safe(e.fingerprint()) + "-" + KnowledgeDir.safe(e.service());
        Path f = dir.history().resolve(base + ".json");
        for (int n = 2; Files.exists(f); n++) f = dir.history().resolve(base + "-" + n + ".json");
        AtomicFiles.write(f, Json.pretty(e) + "\n");
        return f;
    }
}

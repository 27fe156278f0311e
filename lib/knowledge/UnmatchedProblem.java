package lib.knowledge;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import lib.diagnose.Diagnoser;
import lib.diagnose.Diagnosis;
import lib.diagnose.Evidence;
import lib.diagnose.Problem;
import lib.observe.Observation;
import lib.observe.ObservationLog;

/**
 * A failure no fingerprint knows, to triage: the loop records only what a pattern tried to fix, so these are found
 * again in the observations every deploy and diagnose run kept (`observations/<run>.jsonl`), newest run first.
 * They are the candidates for a new pattern. Reading only: nothing is written.
 */
public record UnmatchedProblem(String run, String ts, String service, String host, String summary, String hint,
                               List<Evidence> evidence) {
    public UnmatchedProblem {
        evidence = List.copyOf(evidence);
    }

    /** At most {@code limit} problems, newest run first; the same failure twice in one run counts once. */
    public static List<UnmatchedProblem> find(Path portoserHome, int limit) {
        List<UnmatchedProblem> out = new ArrayList<>();
        for (Path f : runsNewestFirst(portoserHome.resolve("observations"))) {
            if (out.size() >= limit) break;
            String run = f.getFileName().toString().replaceFirst("\\.jsonl$", "");
            out.addAll(inRun(run, read(f)).stream().limit(limit - out.size()).toList());
        }
        return out;
    }

    /** The unmatched problems of one run's observations. */
    public static List<UnmatchedProblem> inRun(String run, List<Observation> observations) {
        Diagnosis d = Diagnoser.diagnose(observations);
        Set<String> seen = new LinkedHashSet<>();
        List<UnmatchedProblem> out = new ArrayList<>();
        for (Problem p : d.unmatched()) {
            // As the loop shows it: a failed step's output explains itself once a fingerprint matched in the same run.
            if (!d.matched().isEmpty() && p.evidence().stream().allMatch(e -> "log".equals(e.kind()))) continue;
            if (!seen.add(p.service() + "|" + p.host() + "|" + p.summary())) continue;
            String ts = p.evidence().isEmpty() ? null : observations.get(p.evidence().get(0).observation()).ts();
            out.add(new UnmatchedProblem(run, ts, p.service(), p.host(), p.summary(), p.hint(), p.evidence()));
        }
        return out;
    }

    /** Line by line: a torn last line (a crash mid-append) loses that line, not the run. */
    private static List<Observation> read(Path f) {
        List<Observation> out = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(f)) {
                try {
                    out.addAll(ObservationLog.parse(line));
                } catch (IllegalArgumentException torn) {
                    // skipped: see above
                }
            }
        } catch (IOException gone) {
            return List.of();
        }
        return out;
    }

    private static List<Path> runsNewestFirst(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jsonl"))
                    .sorted(Comparator.comparing(UnmatchedProblem::modified).reversed().thenComparing(Comparator.reverseOrder())).toList();
        } catch (NoSuchFileException none) {
            return List.of();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    private static FileTime modified(Path p) {
        try {
            return Files.getLastModifiedTime(p);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}

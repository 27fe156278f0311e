package solve;

import static org.junit.jupiter.api.Assertions.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.diagnose.Problem;
import lib.solve.Outcome;
import lib.solve.PatternLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Patterns are installed by dropping a file in: compiled in-process, cached by content hash, broken ones reported. */
class PatternLoaderTest {
    @TempDir Path tmp;

    static String pattern(String name, String message) {
        return "package patterns;\nimport lib.solve.*;\nimport lib.diagnose.Problem;\n"
                + "public class " + name + " implements Pattern {\n"
                + "  public Outcome solve(Problem p, SolveContext c) { return Outcome.fixed(java.util.List.of(), \"" + message + "\"); }\n}\n";
    }

    static Problem problem(String fp) {
        return new Problem(fp, "web", "h1", Problem.Severity.HIGH, 1, List.of(), "s", "h", null);
    }

    PatternLoader loader() { return new PatternLoader(tmp.resolve("patterns"), tmp.resolve("cache")); }

    String say(PatternLoader.Loaded l, String fp) { return l.patterns().get(fp).solve(problem(fp), null).message(); }

    @Test
    void aFileDroppedInDuringTheRunIsPickedUpWithoutAnyBuild() throws IOException {
        Files.createDirectories(tmp.resolve("patterns"));
        assertEquals(List.of(), List.copyOf(loader().load().patterns().keySet()));
        Files.writeString(tmp.resolve("patterns/drop_in.java"), pattern("drop_in", "dropped"));
        PatternLoader.Loaded l = loader().load();
        assertEquals(List.of(), l.errors());
        assertEquals("dropped", say(l, "drop_in"));
        assertEquals(Outcome.Status.FIXED, l.patterns().get("drop_in").solve(problem("drop_in"), null).status());
    }

    @Test
    void aChangedFileIsRecompiledAndAnUnchangedOneComesFromTheCache() throws IOException {
        Path f = Files.createDirectories(tmp.resolve("patterns")).resolve("edited.java");
        Files.writeString(f, pattern("edited", "v1"));
        assertEquals("v1", say(loader().load(), "edited"));
        assertEquals(1, cacheEntries());
        assertEquals("v1", say(loader().load(), "edited"));
        assertEquals(1, cacheEntries(), "unchanged source: no second compile");
        Files.writeString(f, pattern("edited", "v2"));
        assertEquals("v2", say(loader().load(), "edited"), "the edited file wins over the old class");
        assertEquals(2, cacheEntries());
    }

    @Test
    void aBrokenFileIsReportedWithFileAndLineAndTheOthersStillLoad() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("patterns"));
        Files.writeString(dir.resolve("good.java"), pattern("good", "ok"));
        Files.writeString(dir.resolve("broken.java"), pattern("broken", "x").replace("return Outcome", "return Outcom"));
        Files.writeString(dir.resolve("not-a-name.java"), "whatever");
        PatternLoader.Loaded l = loader().load();
        assertEquals(List.of("good"), List.copyOf(l.patterns().keySet()));
        assertTrue(l.errors().stream().anyMatch(e -> e.startsWith(dir.resolve("broken.java") + ":5: error:")), l.errors().toString());
        assertTrue(l.errors().stream().anyMatch(e -> e.contains("not-a-name.java: not a pattern")), l.errors().toString());
    }

    @Test
    void aClassThatIsNotAPatternIsReported() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("patterns"));
        Files.writeString(dir.resolve("plain.java"), "package patterns;\npublic class plain {}\n");
        PatternLoader.Loaded l = loader().load();
        assertTrue(l.patterns().isEmpty());
        assertTrue(l.errors().get(0).contains("does not implement lib.solve.Pattern"), l.errors().toString());
    }

    @Test
    void theProjectsOwnPatternsAllCompileInProcess() {
        Path root = Path.of(System.getProperty("portoser.root", "."));
        PatternLoader.Loaded l = new PatternLoader(root.resolve("patterns"), tmp.resolve("cache")).load();
        assertEquals(List.of(), l.errors());
    }

    long cacheEntries() throws IOException {
        try (var s = Files.list(tmp.resolve("cache"))) {
            return s.count();
        }
    }
}

package deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.diagnose.Problem;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Host;
import lib.registry.Service;
import lib.solve.Outcome;
import lib.solve.PatternLoader;
import lib.solve.SolveContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's "Writing a pattern" example is a real pattern: dropped into a patterns dir, it compiles, loads and works. */
class ReadmePatternTest {
    @TempDir
    Path tmp;

    @Test
    void theReadmeExampleCompilesLoadsAndRemovesAStaleLock() throws Exception {
        String readme = Files.readString(Path.of("README.md"));
        int b = readme.indexOf("<!-- pattern-example:begin -->"), e = readme.indexOf("<!-- pattern-example:end -->");
        assertTrue(b > 0 && e > b, "README has the example between its markers");
        String block = readme.substring(b, e);
        String source = block.substring(block.indexOf("```java\n") + 8, block.lastIndexOf("```"));
        Path dir = Files.createDirectories(tmp.resolve("patterns"));
        Files.writeString(dir.resolve("stale_lock.java"), source);

        PatternLoader.Loaded loaded = new PatternLoader(dir, tmp.resolve("cache")).load();
        assertEquals(List.of(), loaded.errors());
        assertTrue(loaded.patterns().containsKey("stale_lock"));

        Path lock = Files.writeString(tmp.resolve(".lock"), "");
        Problem p = new Problem("stale_lock", "web", "local", Problem.Severity.MEDIUM, 0.9, List.of(), "stale lock", "remove it",
                Map.of("lock", lock.toString()));
        Host host = new Host("local", "127.0.0.1", "root", 22, null, tmp.toString(), null, List.of(), null);
        try (Executor ex = new Executor(ExecOptions.defaults())) {
            SolveContext ctx = new SolveContext(ex, null, host, null, false, false, q -> false, null, List.of());
            Outcome o = loaded.patterns().get("stale_lock").solve(p, ctx);
            assertEquals(Outcome.Status.FIXED, o.status(), o.message());
            assertFalse(Files.exists(lock));
        }
    }
}

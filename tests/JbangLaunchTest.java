import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The way users run it: through ./jbang, as the root script and as a command script run alone. Catches what
 * `mvn test` cannot: broken //SOURCES globs, //DEPS that do not resolve, the wrapper's exit-code protocol.
 */
class JbangLaunchTest {
    static final Path ROOT = Path.of(System.getProperty("portoser.root", ".")).toAbsolutePath();

    record Run(int code, String out, String err) {}

    static Run jbang(Path cwd, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("jbang").toString()));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("jbang-out", ".txt"), err = Files.createTempFile("jbang-err", ".txt");
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "jbang did not finish in 5 minutes");
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void rootScriptRunsStatusOnTheDefaultRegistry() throws Exception {
        Run r = jbang(ROOT, "portoser.java", "status", "--json");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\"name\" : \"hello\""), r::toString);
        assertTrue(r.out().contains("\"local\" : true"), r::toString);
    }

    @Test
    void commandScriptRunsAloneAndPassesExitCodesThrough(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "hosts:\n  a: {ip: 127.0.0.1, path: /tmp, sshport: 22}\n");
        Run r = jbang(dir, ROOT.resolve("commands/Registry.java").toString(), "validate", bad.toString());
        assertEquals(1, r.code(), r::toString);
        assertTrue(r.err().contains(bad + ":2:34: hosts.a.sshport: unknown key (did you mean `ssh_port`?)"), r::toString);
        Run missing = jbang(dir, ROOT.resolve("portoser.java").toString(), "status");
        assertEquals(2, missing.code(), missing::toString);
        assertTrue(missing.err().contains("registry not found: registry.yml"), missing::toString);
    }
}

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** The root command: version, help, exit codes, and global options given before the subcommand. */
class PortoserCliTest {
    @Test
    void versionNamesTheProduct() {
        CliRun.Outcome r = CliRun.run(new portoser(), "--version");
        assertEquals(0, r.code());
        assertTrue(r.out().startsWith("portoser-j " + lib.cli.Version.VERSION), r::toString);
    }

    @Test
    void helpListsCommandsAndExitCodes() {
        CliRun.Outcome r = CliRun.run(new portoser(), "--help");
        assertEquals(0, r.code());
        for (String s : new String[] {"status", "registry", "--registry", "--json", "--no-color", "Exit codes: 0 ok"}) {
            assertTrue(r.out().contains(s), "help should mention " + s + "\n" + r);
        }
    }

    @Test
    void noCommandIsAUsageError() {
        CliRun.Outcome r = CliRun.run(new portoser());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("Usage: portoser"), r::toString);
    }

    @Test
    void unknownOptionIsAUsageError() {
        CliRun.Outcome r = CliRun.run(new portoser(), "status", "--frobnicate");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("Unknown option: '--frobnicate'"), r::toString);
    }

    @Test
    void globalOptionsWorkBeforeTheSubcommand(@TempDir Path dir) throws Exception {
        Path reg = dir.resolve("r.yml");
        Files.writeString(reg, "hosts:\n  me: {ip: 127.0.0.1, path: " + dir + "}\n");
        CliRun.Outcome r = CliRun.run(new portoser(), "--registry", reg.toString(), "--json", "status");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("\"registry\" : \"" + reg + "\""), r::toString);
    }
}

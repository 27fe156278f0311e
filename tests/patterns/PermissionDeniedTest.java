package patterns;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lib.solve.Outcome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** permission_denied on a real unreadable bind-mount dir: gives up naming path, owner, mode and the fix; changes nothing. */
class PermissionDeniedTest {
    @TempDir Path tmp;

    @Test
    void anUnreadableDirIsExplainedNotChanged() throws Exception {
        Path data = Files.createDirectories(tmp.resolve("data"));
        LocalHost.sh("chown nobody:nogroup '" + data + "' && chmod 700 '" + data + "'");
        try (LocalHost h = new LocalHost(tmp, "web")) {
            var problem = h.problem("permission_denied", Map.of("path", data.toString(), "user", "www-data"));
            for (int i = 0; i < 2; i++) {
                Outcome o = new permission_denied().solve(problem, h.ctx(false, true));
                assertEquals(Outcome.Status.GAVE_UP, o.status());
                assertTrue(o.actions().isEmpty());
                assertEquals(data + " is directory owned by nobody:nogroup with mode 700; www-data needs rx on it. No automatic fix "
                        + "(ownership is yours to decide): `chown www-data " + data + "`, or `chmod o+rx " + data + "`", o.message());
            }
            assertEquals("nobody 700", LocalHost.sh("stat -c '%U %a' '" + data + "'").strip());
        }
    }
}

package deploy.docker;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import lib.deploy.DeployTarget;
import lib.deploy.UpResult;
import lib.deploy.docker.ComposeFlavor;
import lib.deploy.docker.ComposeFlavors;
import lib.deploy.docker.DockerRunner;
import lib.exec.SyncResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The docker runner against a real dockerd in a harness namespace, over real SSH. */
class DockerRunnerTest {
    static TestHosts hosts;
    @TempDir
    static Path root;
    static DockerFixture fx;
    final DockerRunner runner = new DockerRunner();

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, 1);
        fx = new DockerFixture(hosts, root);
    }

    @AfterAll
    static void close() {
        if (fx != null) fx.close();
    }

    static String webCompose(String image, int port) {
        return "services:\n  web:\n    image: " + image + "\n    ports: [\"" + port + ":80\"]\n"
                + "    command: [\"sh\", \"-c\", \"echo web is starting; trap 'exit 0' TERM; httpd -f -p 80 -h /www & wait\"]\n"
                + "    volumes:\n      - ./www:/www:ro\n";
    }

    /** The body once the service answers (httpd needs a moment after `up`). */
    static String get(int host, int port, String path) throws Exception {
        String url = "http://" + hosts.ip(host) + ":" + port + path;
        for (int i = 0; ; i++) {
            try {
                return DockerHosts.httpGet(url);
            } catch (java.io.IOException e) {
                if (i >= 50) throw e;
                Thread.sleep(100);
            }
        }
    }

    @Test
    void deploysAComposeServiceAndRedeploysOnlyWhatChanged() throws Exception {
        Path dir = fx.service("web1", webCompose(TestHosts.IMAGE_V1, 18101));
        Files.createDirectories(dir.resolve("www"));
        Files.writeString(dir.resolve("www/index.html"), "first\n");
        Files.writeString(dir.resolve("www/other.txt"), "unchanged\n");
        DeployTarget t = fx.target("web1", 1, 18101);

        assertEquals(java.util.List.of(), runner.preflight(t));
        assertEquals(new SyncResult(3, 0, Files.size(dir.resolve("compose.yml")) + 6 + 10), runner.sync(t));
        UpResult up = runner.up(t);
        assertEquals(Map.of("web1_web_1", hosts.docker(1, "image", "inspect", "--format", "{{.Id}}", TestHosts.IMAGE_V1)), up.images());
        assertEquals("first\n", get(1, 18101, "/index.html"));
        assertTrue(runner.isRunning(t));
        assertTrue(fx.lines.stream().anyMatch(l -> l.startsWith("[web1@h1] ") && l.contains("web1_web_1")), fx.lines::toString);
        assertTrue(runner.logs(t, 10).contains("web is starting"), () -> runner.logs(t, 10));

        Files.writeString(dir.resolve("www/index.html"), "second version\n");
        assertEquals(new SyncResult(1, 2, 15), runner.sync(t), "only the changed file is sent");
        runner.up(t);
        assertEquals("second version\n", get(1, 18101, "/index.html"));

        // A new image in the compose file: up recreates the container, and the new image id is recorded.
        Files.writeString(dir.resolve("compose.yml"), webCompose(TestHosts.IMAGE_V2, 18101));
        Files.setLastModifiedTime(dir.resolve("compose.yml"), FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals(1, runner.sync(t).sent());
        UpResult v2 = runner.up(t);
        assertEquals(Map.of("web1_web_1", hosts.docker(1, "image", "inspect", "--format", "{{.Id}}", TestHosts.IMAGE_V2)), v2.images());
        assertEquals("second version\n", get(1, 18101, "/index.html"));
        runner.down(t);
        assertFalse(runner.isRunning(t));
    }

    @Test
    void theHostsComposeIsDetectedOnceAndItIsV1Here() throws Exception {
        fx.service("flavour", "services: {}\n");
        DeployTarget t = fx.target("flavour", 1, null);
        ComposeFlavors.forget(t.host());
        assertTrue(ComposeFlavors.cached(t.host()).isEmpty());
        runner.preflight(t);
        ComposeFlavor f = ComposeFlavors.cached(t.host()).orElseThrow();
        assertEquals(ComposeFlavor.STANDALONE, f.command(), "only docker-compose v1 is installed here: " + f);
        assertTrue(f.version().startsWith("1."), f::toString);
    }
}

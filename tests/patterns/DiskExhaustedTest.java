package patterns;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.time.Clock;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.registry.Host;
import lib.solve.Action;
import lib.solve.Attempts;
import lib.solve.CircuitBreaker;
import lib.solve.Outcome;
import lib.solve.Solver;
import lib.solve.Steps;
import lib.standardize.Learner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * disk_exhausted on harness host 1: a 2 MB tmpfs as the host's path, filled with this tool's rotated logs and user
 * files, plus a dangling image in the host's dockerd. Only the old rotated logs and the dangling image go, tried one
 * at a time until there is space; a playbook recorded through the real Learner changes which goes first.
 */
class DiskExhaustedTest {
    static final int H = 1;
    static TestHosts hosts;
    @TempDir Path home;
    final disk_exhausted pattern = new disk_exhausted();

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, H);
    }

    @Test
    void onlyRotatedLogsBeyondTheNewestAreOurs() {
        assertTrue(disk_exhausted.oldRotatedLog("web.log.2"));
        assertTrue(disk_exhausted.oldRotatedLog("web.log.12.gz"));
        assertFalse(disk_exhausted.oldRotatedLog("web.log.1"));
        assertFalse(disk_exhausted.oldRotatedLog("web.log"));
        assertFalse(disk_exhausted.oldRotatedLog("web.log.old"));
        var now = new disk_exhausted.Now(2048, 10, false, 3, true, List.of("a.log.2"));
        assertEquals(List.of("rm -f -- /p/a.log.2"), disk_exhausted.plan(now, "/p").stream().map(Action::command).toList(),
                "without a daemon no docker step is planned");
        var all = new disk_exhausted.Now(2048, 10, true, 3, true, List.of("a.log.2"));
        assertEquals(List.of(disk_exhausted.PRUNE_IMAGES, disk_exhausted.PRUNE_CACHE, disk_exhausted.REMOVE_LOGS), keys(disk_exhausted.plan(all, "/p")),
                "without a playbook: docker's unreferenced data first, our logs last");
        var led = Steps.preferRecorded(disk_exhausted.plan(all, "/p"), List.of(disk_exhausted.REMOVE_LOGS + ": 4 file(s) in /elsewhere"));
        assertEquals(List.of(disk_exhausted.REMOVE_LOGS, disk_exhausted.PRUNE_IMAGES, disk_exhausted.PRUNE_CACHE), keys(led.plan()));
    }

    static List<String> keys(List<Action> actions) { return actions.stream().map(a -> Steps.key(a.description())).toList(); }

    @Test
    void aRecordedPlaybookDecidesWhatIsFreedFirstAndTheRestIsLeftAlone() throws Exception {
        Path tiny = Files.createDirectories(hosts.dir().resolve("pattern-tiny-pb"));
        String logs = tiny + "/.portoser/logs";
        KnowledgeDir kb = new KnowledgeDir(home.resolve("knowledge"));
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, tiny.toString());
            h.inSshdMounts(H, "mount -t tmpfs -o size=2m tmpfs " + tiny);
            try {
                var problem = HarnessHost.problem("disk_exhausted", host, Map.of("path", tiny.toString(), "mount", tiny.toString()));
                // 1. Full of old logs, no dangling image: removing the logs fixed it; the real Learner records that.
                hosts.docker(H, "image", "prune", "-f");
                fill(h, host, tiny, logs);
                Outcome first = pattern.solve(problem, h.ctx(host, false));
                assertEquals(List.of(disk_exhausted.REMOVE_LOGS), keys(first.actions()), first.message());
                new Learner(kb, Clock.systemUTC()).record(problem, first, "deploy-1", true);
                List<String> recorded = KnowledgeBase.load(kb).stepsFor("disk_exhausted", "web", host.name());
                assertEquals(List.of(disk_exhausted.REMOVE_LOGS), recorded.stream().map(Steps::key).toList());

                // 2. The same fault plus a dangling image, no playbook: the image is pruned first (docker's data is not
                //    on this tmpfs, so it is still full), then the logs go.
                refill(h, host, tiny, logs);
                makeDanglingImage();
                Outcome plain = pattern.solve(problem, h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, plain.status(), plain.message());
                assertEquals(List.of(disk_exhausted.PRUNE_IMAGES, disk_exhausted.REMOVE_LOGS),
                        keys(plain.actions()).stream().filter(k -> !k.equals(disk_exhausted.PRUNE_CACHE)).toList());
                assertFalse(plain.message().contains("recorded playbook"), plain.message());
                assertEquals(0, dangling(), "without a playbook the dangling image was pruned");
                assertEquals("web.log web.log.1 web.log.9", ls(h, host, logs));

                // 3. The same fault again, through the solver with the knowledge base: the logs go first, that is
                //    enough, and the dangling image is left alone.
                refill(h, host, tiny, logs);
                makeDanglingImage();
                int danglingBefore = dangling();
                assertTrue(danglingBefore >= 1);
                Solver solver = new Solver(Map.of("disk_exhausted", pattern), List.of(), new CircuitBreaker(home), KnowledgeBase.load(kb));
                Outcome led = solver.solve(problem, h.ctx(host, false), new Attempts(3));
                assertEquals(Outcome.Status.RETRY, led.status(), led.message());
                assertEquals(List.of(disk_exhausted.REMOVE_LOGS), keys(led.actions()), led.message());
                assertTrue(led.message().startsWith("trying the recorded playbook first: " + disk_exhausted.REMOVE_LOGS), led.message());
                assertTrue(h.said.toString().contains("trying the recorded playbook first: " + disk_exhausted.REMOVE_LOGS), h.said.toString());
                assertEquals("web.log web.log.1 web.log.9", ls(h, host, logs), "the recorded step ran");
                assertEquals(danglingBefore, dangling(), "with the playbook the dangling image(s) were never touched");
            } finally {
                h.inSshdMounts(H, "umount " + tiny);
                try {
                    hosts.docker(H, "rmi", "portoser-test/dangle:x");
                } catch (IllegalStateException ignored) {
                    // not made: the test failed before
                }
                hosts.docker(H, "image", "prune", "-f");
            }
        }
    }

    static void refill(HarnessHost h, Host host, Path tiny, String logs) {
        var r = h.executor.run(host, "rm -rf " + tiny + "/.portoser " + tiny + "/data.bin " + tiny + "/app.log.3");
        assertTrue(r.ok(), r.stderr());
        fill(h, host, tiny, logs);
    }

    @Test
    void aFullTmpfsIsFreedWithoutTouchingUserFilesOnceOnly() throws Exception {
        Path tiny = Files.createDirectories(hosts.dir().resolve("pattern-tiny"));
        String logs = tiny + "/.portoser/logs";
        try (HarnessHost h = new HarnessHost(hosts, home)) {
            Host host = h.host(H, tiny.toString());
            h.inSshdMounts(H, "mount -t tmpfs -o size=2m tmpfs " + tiny);
            try {
                fill(h, host, tiny, logs);
                String users = sums(h, host, tiny);
                makeDanglingImage();
                assertEquals(1, dangling());
                var problem = HarnessHost.problem("disk_exhausted", host, Map.of("path", tiny.toString(), "mount", tiny.toString()));

                Outcome dry = pattern.solve(problem, h.ctx(host, true));
                assertEquals(Outcome.Status.RETRY, dry.status(), dry.message());
                assertEquals(2, dry.actions().size(), dry.actions().toString());
                assertEquals("web.log web.log.1 web.log.2 web.log.3 web.log.4 web.log.5 web.log.9", ls(h, host, logs), "dry run changes nothing");
                assertEquals(1, dangling());

                Outcome o = pattern.solve(problem, h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, o.status(), o.message());
                assertTrue(o.actions().stream().allMatch(Action::done), o.actions()::toString);
                assertEquals("web.log web.log.1 web.log.9", ls(h, host, logs), "live log and newest rotation kept, symlink untouched");
                assertEquals(users, sums(h, host, tiny), "user files untouched");
                assertEquals(0, dangling());
                hosts.docker(H, "image", "inspect", TestHosts.IMAGE_V1, "portoser-test/dangle:x"); // tagged images stay

                Outcome again = pattern.solve(problem, h.ctx(host, false));
                assertEquals(Outcome.Status.RETRY, again.status(), again.message());
                assertTrue(again.actions().isEmpty(), "second solve takes no action: " + again.actions());
            } finally {
                h.inSshdMounts(H, "umount " + tiny);
                try {
                    hosts.docker(H, "rmi", "portoser-test/dangle:x");
                } catch (IllegalStateException ignored) {
                    // not made: the test failed before
                }
            }
        }
    }

    /** 1960 KB of 2048: the service's live log, rotations .1-.5, a symlink to a user file, and user files. */
    static void fill(HarnessHost h, Host host, Path tiny, String logs) {
        String script = "set -e; mkdir -p " + logs + "; cd " + logs + "\n"
                + "head -c 204800 /dev/zero > web.log; head -c 307200 /dev/zero > web.log.1\n"
                + "for n in 2 3 4 5; do head -c 256000 /dev/urandom > web.log.$n; done\n"
                + "head -c 460800 /dev/urandom > " + tiny + "/data.bin; head -c 10240 /dev/urandom > " + tiny + "/app.log.3\n"
                + "ln -s " + tiny + "/data.bin web.log.9\n";
        var r = h.executor.run(host, script);
        assertTrue(r.ok(), r.stderr());
        String df = h.executor.run(host, "df -Pk " + tiny + " | awk 'NR==2 {print $4}'").stdout().strip();
        assertTrue(Long.parseLong(df) < 120, "tmpfs is nearly full: " + df + " KB free");
    }

    static String sums(HarnessHost h, Host host, Path tiny) {
        return h.executor.run(host, "md5sum " + tiny + "/data.bin " + tiny + "/app.log.3").stdout();
    }

    static String ls(HarnessHost h, Host host, String dir) {
        return h.executor.run(host, "ls " + dir).stdout().strip().replace('\n', ' ');
    }

    static void makeDanglingImage() {
        hosts.docker(H, "create", "--name", "pr-dangle", TestHosts.IMAGE_V1);
        try {
            hosts.docker(H, "commit", "pr-dangle", "portoser-test/dangle:x");
            hosts.docker(H, "commit", "-c", "LABEL v=2", "pr-dangle", "portoser-test/dangle:x"); // the first loses its tag
        } finally {
            hosts.docker(H, "rm", "pr-dangle");
        }
    }

    static int dangling() {
        String ids = hosts.docker(H, "image", "ls", "-q", "-f", "dangling=true");
        return ids.isEmpty() ? 0 : ids.split("\n").length;
    }
}

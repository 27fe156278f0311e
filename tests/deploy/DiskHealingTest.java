package deploy;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Deploy;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import lib.solve.CircuitBreaker;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/**
 * disk_exhausted healed through `portoser deploy`. Harness host 1's `path` is a 64 MB tmpfs (mounted in its sshd's
 * mount namespace, what SSH sessions see). The service needs 12 MB of scratch space to start and writes 10 MB of
 * output into its log each time, so four deploys leave this tool's own rotated logs (`.log.1`-`.log.3`, rotated by the
 * real local runner at 10 MB); then a user file fills the disk. The next deploy fails to start, the loop diagnoses
 * disk_exhausted with the df line as evidence, prunes the host's dangling docker image (not on this disk: not enough)
 * and removes this tool's old rotated logs, and the retried start succeeds. The user's files keep their checksums.
 * Before that, with the circuit breaker open for the pair, the solver refuses (a public `refused` outcome) and
 * nothing is touched.
 */
class DiskHealingTest {
    static final int H = 1, PORT = 18597;
    static final long MB = 1024 * 1024;
    static TestHosts hosts;
    @TempDir
    Path home;
    Path disk;
    LocalCluster cluster;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.sharedWithDocker(3, H);
    }

    @BeforeEach
    void setUp() throws Exception {
        System.setProperty("portoser.home", home.toString());
        disk = Files.createDirectories(hosts.dir().resolve("disk-heal"));
        inSshd("mount -t tmpfs -o size=64m tmpfs " + disk);
        cluster = new LocalCluster(hosts.dir().resolve("disk-heal.yml"));
        cluster.host("h" + H, hosts.ip(H), disk, "ssh_key: " + hosts.key())
                .local("diskheal", "h" + H, """
                        head -c 12582912 /dev/zero > scratch.bin || { rm -f scratch.bin; echo 'diskheal: no space left for its 12 MB scratch file' >&2; exit 1; }
                        rm -f scratch.bin
                        head -c 11000000 /dev/zero | tr '\\0' x; echo
                        exec busybox httpd -f -p %d""".formatted(PORT),
                        "port: " + PORT + ", healthcheck: {tcp: " + PORT + "}, healthcheck_interval: 200ms, healthcheck_retries: 50").write();
    }

    @AfterEach
    void tearDown() throws Exception {
        try {
            String pid = inSshd("cat " + disk + "/.portoser/run/diskheal.pid 2>/dev/null || true").strip();
            if (pid.matches("\\d+")) new ProcessBuilder("kill", "-9", "--", "-" + pid).start().waitFor();
            inSshd("umount -l " + disk);
            String ids = hosts.docker(H, "image", "ls", "-q", "portoser-test/diskheal");
            if (!ids.isBlank()) hosts.docker(H, "rmi", "-f", "portoser-test/diskheal:x");
        } finally {
            System.clearProperty("portoser.home");
        }
    }

    @Test
    void aFullDiskIsFreedOfThisToolsOldLogsAndDanglingImagesNeverOfUserFilesAndTheDeploySucceeds() throws Exception {
        for (int i = 0; i < 4; i++) assertEquals(0, deploy().code(), "healthy deploy " + (i + 1));
        String logs = disk + "/.portoser/logs";
        assertEquals("diskheal.log diskheal.log.1 diskheal.log.2 diskheal.log.3", ls(logs), "the local runner rotated its own logs");

        // The user's files: one fills the disk to 5 MB free, one is named like a rotated log but is not ours.
        inSshd("head -c 1048576 /dev/urandom > " + disk + "/app.log.3");
        long fill = availKb() * 1024 - 5 * MB;
        inSshd("head -c " + fill + " /dev/urandom > " + disk + "/user-data.bin");
        String userSums = inSshd("cd " + disk + " && md5sum user-data.bin app.log.3");
        assertTrue(availKb() < 6 * 1024, "5 MB free: " + availKb() + " KB");
        hosts.docker(H, "image", "prune", "-f"); // other tests' leftovers: the one counted below is this test's
        makeDanglingImage();
        assertEquals(1, dangling());

        // First with the circuit breaker open for this pair (3 failed fixes this hour): the solver refuses, says why,
        // and the pattern never runs: nothing is removed.
        CircuitBreaker breaker = new CircuitBreaker(home);
        for (int i = 0; i < CircuitBreaker.LIMIT; i++) breaker.recordFailure("diskheal", "disk_exhausted");
        CliRun.Outcome refused = deploy("--json-output");
        assertEquals(1, refused.code(), refused::toString);
        JsonNode stopped = Json.MAPPER.readTree(refused.out()).get("services").get(0);
        JsonNode refusal = stopped.get("actions").get(0);
        assertEquals("refused", refusal.get("status").asText(), refusal.toString());
        assertTrue(refusal.get("message").asText().startsWith("auto-heal stopped for diskheal/disk_exhausted: 3 failed fixes within the last 60 minutes"),
                refusal.toString());
        assertEquals(0, refusal.get("steps").size());
        assertEquals("stopped", stopped.get("healing").get(0).get("result").asText());
        assertTrue(stopped.get("error").asText().contains("auto-heal stopped for diskheal/disk_exhausted"), stopped.toString());
        assertEquals("diskheal.log diskheal.log.1 diskheal.log.2 diskheal.log.3 diskheal.log.4", ls(logs), "nothing removed (the start rotated)");
        assertEquals(1, dangling(), "nothing pruned");
        Files.delete(breaker.file("diskheal", "disk_exhausted")); // what the refusal says to do, once the cause is understood

        CliRun.Outcome r = deploy("--json-output");
        assertEquals(0, r.code(), r::toString);
        JsonNode svc = Json.MAPPER.readTree(r.out()).get("services").get(0);
        assertEquals("deployed", svc.get("result").asText());
        assertEquals("preflight,sync,up,observe,diagnose,solve,up,health", String.join(",", svc.get("phases").findValuesAsText("name")));
        assertTrue(svc.get("phases").get(2).get("detail").asText().contains("exited right after it started"), svc.toString());
        JsonNode problem = null;
        for (JsonNode p : svc.get("problems")) if (p.get("fingerprint").asText().equals("disk_exhausted")) problem = p;
        assertNotNull(problem, svc.get("problems").toString());
        assertTrue(problem.get("evidence").get(0).asText().matches("\\[disk #\\d+] @@df " + disk + "\\|tmpfs\\s+65536\\s+\\d+\\s+\\d+\\s+\\d+% " + disk),
                "the df line proves it: " + problem);
        assertTrue(problem.get("summary").asText().startsWith("disk nearly full at " + disk), problem.toString());
        JsonNode action = svc.get("actions").get(0);
        assertEquals("disk_exhausted", action.get("fingerprint").asText(), svc.get("actions").toString());
        assertEquals("retry", action.get("status").asText(), action.toString());
        List<String> steps = new ArrayList<>();
        action.get("steps").forEach(s -> {
            assertTrue(s.get("done").asBoolean(), s.toString());
            steps.add(s.get("description").asText().split(": ")[0]);
        });
        assertEquals("prune dangling docker images", steps.get(0), steps.toString());
        assertEquals("remove old rotated logs of this tool", steps.get(steps.size() - 1), steps.toString());
        assertTrue(action.get("steps").get(steps.size() - 1).get("description").asText()
                .endsWith("diskheal.log.2, diskheal.log.3, diskheal.log.4"), action.toString());
        assertEquals("healed", svc.get("healing").get(0).get("result").asText());
        assertTrue(r.err().contains("✗ disk_exhausted") && r.err().contains("solve disk_exhausted: retry"), r.err());

        assertEquals("diskheal.log diskheal.log.1", ls(logs), "the live log and the newest rotation are kept");
        assertEquals(userSums, inSshd("cd " + disk + " && md5sum user-data.bin app.log.3"), "user files untouched");
        assertEquals(0, dangling(), "the dangling image was pruned");
        hosts.docker(H, "image", "inspect", TestHosts.IMAGE_V1, "portoser-test/diskheal:x"); // tagged images stay
        assertTrue(Files.readString(home.resolve("knowledge/problem_frequency.txt")).contains("|disk_exhausted|diskheal|h" + H));
    }

    // ---- helpers

    CliRun.Outcome deploy(String... extra) {
        List<String> args = new ArrayList<>(List.of("--registry", cluster.registryFile.toString(), "diskheal"));
        args.addAll(List.of(extra));
        return CliRun.run(new Deploy(), args.toArray(String[]::new));
    }

    long availKb() throws Exception {
        return Long.parseLong(inSshd("df -Pk " + disk + " | awk 'NR==2 {print $4}'").strip());
    }

    String ls(String dir) throws Exception { return inSshd("ls " + dir).strip().replace('\n', ' '); }

    /** Runs a shell command in host H's sshd mount namespace (where the tmpfs is); returns stdout, throws on failure. */
    static String inSshd(String command) throws Exception {
        String pid = Files.readString(hosts.dir().resolve("h" + H + "/sshd.pid")).strip();
        Process p = new ProcessBuilder("nsenter", "-t", pid, "-m", "sh", "-c", command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IllegalStateException(command + " failed: " + out);
        return out;
    }

    /** An image no tag references: the first commit loses its tag to the second. */
    static void makeDanglingImage() {
        hosts.docker(H, "create", "--name", "dh-dangle", TestHosts.IMAGE_V1);
        try {
            hosts.docker(H, "commit", "dh-dangle", "portoser-test/diskheal:x");
            hosts.docker(H, "commit", "-c", "LABEL v=2", "dh-dangle", "portoser-test/diskheal:x");
        } finally {
            hosts.docker(H, "rm", "dh-dangle");
        }
    }

    static int dangling() {
        String ids = hosts.docker(H, "image", "ls", "-q", "-f", "dangling=true");
        return ids.isEmpty() ? 0 : ids.split("\n").length;
    }
}

package observe;

import static observe.FaultHosts.*;
import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import commands.Diagnose;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.diagnose.Diagnosis;
import lib.diagnose.Problem;
import lib.registry.Registry;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import support.CliRun;

/**
 * Real faults on namespace hosts with real sshd, no mocks: each test makes the fault, diagnoses over SSH and
 * checks the fingerprint and its evidence, then undoes the fault in a finally block (the hosts are shared).
 */
class FaultInjectionTest {
    static TestHosts hosts;

    @BeforeAll
    static void hosts() {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(3);
    }

    static String local(String name, int host, int port, String extra) {
        return "  " + name + ": {current_host: h" + host + ", deployment_type: local, service_file: s.yml, port: " + port + extra + "}\n";
    }

    @Test
    void anUnrelatedProcessOnThePortIsAConflictNamingItsPidAndCommand() throws Exception {
        Registry r = registry(hosts, "fault-port", "", local("web1", 1, 18080, ""));
        Process httpd = startIn(hosts, 1, "busybox", "httpd", "-f", "-p", "18080");
        try {
            waitListening(hosts, 1, 18080);
            Diagnosis d = diagnose(r, "web1");
            List<Problem> ps = only(d, "port_conflict");
            assertEquals(1, ps.size(), d::toString);
            assertEquals(httpd.pid(), ((Number) ps.get(0).details().get("pid")).longValue());
            assertTrue(ps.get(0).evidence().get(0).excerpt().matches("@@holder 18080\\|" + httpd.pid() + "\\|\\d+\\|busybox httpd -f -p 18080"),
                    ps.get(0).evidence()::toString);
            CliRun.Outcome out = CliRun.run(new Diagnose(), "web1", "--registry", r.file().toString(), "--json-output");
            assertEquals(1, out.code(), out::toString);
            JsonNode json = new ObjectMapper().readTree(out.out());
            assertEquals("port_conflict", json.get("problems").get(0).get("fingerprint").asText(), out::toString);
            assertTrue(Files.isRegularFile(Path.of(System.getProperty("portoser.home", System.getProperty("user.home") + "/.portoser"),
                    "observations", json.get("id").asText() + ".jsonl")), "observations are kept for a diagnose run");
            assertTrue(httpd.isAlive(), "diagnose changes nothing: the holder still runs");
        } finally {
            end(httpd);
        }
    }

    @Test
    void theServicesOwnProcessGroupHoldingItsPortIsNoProblem() throws Exception {
        Registry r = registry(hosts, "fault-own", "", local("own1", 1, 18081, ""));
        // The PID file names the group leader (sh); its child httpd holds the port, as a service's workers would.
        Process svc = startIn(hosts, 1, "setsid", "sh", "-c", "busybox httpd -f -p 18081; :");
        try {
            waitListening(hosts, 1, 18081);
            pidFile(hosts, 1, "own1", svc.pid(), startTime(svc.pid()));
            Diagnosis d = diagnose(r, "own1");
            assertTrue(d.healthy(), d::toString);
            assertEquals(100, d.healthScore());
            CliRun.Outcome out = CliRun.run(new Diagnose(), "own1", "--registry", r.file().toString(), "--no-color");
            assertEquals(0, out.code(), out::toString);
            assertTrue(out.out().contains("no problems found") && out.out().contains("health score: 100/100"), out::toString);
        } finally {
            end(svc);
        }
    }

    @Test
    void aPidFileAtAnotherProgramIsAStaleProcess() throws Exception {
        Registry r = registry(hosts, "fault-stale", "", local("stale1", 1, 18082, ""));
        Process foreign = new ProcessBuilder("sleep", "300").start();
        try {
            pidFile(hosts, 1, "stale1", foreign.pid(), "1");
            Diagnosis d = diagnose(r, "stale1");
            List<Problem> ps = only(d, "stale_process");
            assertEquals(1, ps.size(), d::toString);
            assertEquals("reused", ps.get(0).details().get("state"));
            assertTrue(ps.get(0).evidence().get(0).excerpt().endsWith("|sleep 300"), ps.get(0).evidence()::toString);
            assertTrue(foreign.isAlive());
        } finally {
            end(foreign);
        }
    }

    @Test
    void aFullTmpfsAsTheHostPathIsDiskExhausted() throws Exception {
        Path tiny = Files.createDirectories(hosts.dir().resolve("tiny"));
        String host = "  tiny:\n    ip: " + hosts.ip(1) + "\n    ssh_user: root\n    ssh_key: " + hosts.key() + "\n    path: " + tiny + "\n";
        Registry r = registry(hosts, "fault-disk", host, "  full1: {current_host: tiny, deployment_type: local, service_file: s.yml}\n");
        shInSshdMounts(hosts, 1, "mount -t tmpfs -o size=2m portoser-test-tiny " + tiny);
        try {
            shInSshdMounts(hosts, 1, "dd if=/dev/zero of=" + tiny + "/fill bs=64k count=64 2>/dev/null || true");
            Diagnosis d = diagnose(r, "full1");
            List<Problem> ps = only(d, "disk_exhausted");
            assertEquals(1, ps.size(), d::toString);
            assertEquals(tiny.toString(), ps.get(0).details().get("path"));
            assertEquals(Problem.Severity.CRITICAL, ps.get(0).severity());
            assertTrue(ps.get(0).evidence().get(0).excerpt().contains("100% " + tiny), ps.get(0).evidence()::toString);
        } finally {
            shInSshdMounts(hosts, 1, "umount " + tiny);
        }
    }

    @Test
    void aDependencyThatIsDownIsNotReady() throws Exception {
        Registry r = registry(hosts, "fault-dep", "", local("app1", 1, 18083, ", dependencies: [db2]")
                + local("db2", 2, 18084, ", healthcheck: {tcp: 18084}"));
        Files.deleteIfExists(hosts.srv(2).resolve(".portoser/run/db2.pid"));
        Diagnosis d = diagnose(r, "app1");
        List<Problem> ps = only(d, "dependency_not_ready");
        assertEquals(1, ps.size(), d::toString);
        assertEquals("db2", ps.get(0).details().get("dependency"));
        assertTrue(ps.get(0).evidence().get(0).excerpt().startsWith("db2@h2 stopped"), ps.get(0).evidence()::toString);
    }

    @Test
    void aStoppedSshdIsSshUnreachableWithinTheConnectTimeout() throws Exception {
        Registry r = registry(hosts, "fault-ssh", "", local("far3", 3, 18085, ""));
        hosts.stopSshd(3);
        try {
            long start = System.nanoTime();
            Diagnosis d = diagnose(r, "far3");
            long ms = (System.nanoTime() - start) / 1_000_000;
            List<Problem> ps = only(d, "ssh_unreachable");
            assertEquals(1, ps.size(), d::toString);
            assertEquals("CONNECTION_REFUSED", ps.get(0).details().get("kind"));
            assertEquals("far3", ps.get(0).service());
            assertTrue(ms < 5_000, "within the 5 s connect timeout, took " + ms + " ms");
        } finally {
            hosts.startSshd(3);
        }
    }

    /**
     * The ssh user is root, so mode bits cannot deny it anything; a read-only bind mount does (access(2) gives
     * EROFS to root too), and it is what a deploy really hits when it syncs files into the service dir.
     */
    @Test
    void aServiceDirOnAReadOnlyMountIsPermissionDeniedWithThePath() throws Exception {
        Registry r = registry(hosts, "fault-perm", "", local("ro2", 2, 18086, ""));
        Path dir = Files.createDirectories(hosts.srv(2).resolve("ro2"));
        shInSshdMounts(hosts, 2, "mount --bind " + dir + " " + dir + " && mount -o remount,bind,ro " + dir);
        try {
            Diagnosis d = diagnose(r, "ro2");
            List<Problem> ps = only(d, "permission_denied");
            assertEquals(1, ps.size(), d::toString);
            assertEquals(dir.toString(), ps.get(0).details().get("path"));
            assertTrue(ps.get(0).summary().contains("not writable by root"), ps.get(0).summary());
            assertTrue(ps.get(0).hint().contains("read-only mount"), ps.get(0).hint());
        } finally {
            shInSshdMounts(hosts, 2, "umount " + dir);
        }
    }
}

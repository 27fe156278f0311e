package diagnose;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.diagnose.Diagnoser;
import lib.diagnose.Diagnosis;
import lib.diagnose.HealthScore;
import lib.diagnose.Problem;
import lib.observe.Observation;
import lib.observe.ObservationLog;
import org.junit.jupiter.api.Test;

/** Every fingerprint over recorded JSONL observations (tests/diagnose/fixtures): pure, no host, milliseconds. */
class MatchersTest {
    static Diagnosis diagnose(String fixture) throws Exception {
        Path f = Path.of(System.getProperty("portoser.root", "."), "tests/diagnose/fixtures", fixture + ".jsonl");
        List<Observation> obs = ObservationLog.parse(Files.readString(f));
        return Diagnoser.diagnose(obs);
    }

    static List<String> fingerprints(Diagnosis d) { return d.problems().stream().map(Problem::fingerprint).toList(); }

    @Test
    void anUnrelatedProcessOnThePortIsAConflictNamingItsPidAndCommand() throws Exception {
        Diagnosis d = diagnose("port_conflict");
        assertEquals(List.of("port_conflict"), fingerprints(d));
        Problem p = d.problems().get(0);
        assertEquals(4242L, ((Number) p.details().get("pid")).longValue());
        assertEquals("busybox httpd -f -p 18080", p.details().get("command"));
        assertEquals(2, p.evidence().get(0).observation());
        assertEquals("@@holder 18080|4242|4242|busybox httpd -f -p 18080", p.evidence().get(0).excerpt());
        assertTrue(p.summary().contains("4242") && p.summary().contains("httpd"), p.summary());
        assertEquals("web", p.service(), "a problem from host-wide facts still names the service");
        assertEquals(75, d.healthScore());
    }

    @Test
    void theServicesOwnProcessGroupHoldingItsPortIsNoProblem() throws Exception {
        Diagnosis d = diagnose("own_process_holds_port");
        assertTrue(d.healthy(), d::toString);
        assertEquals(100, d.healthScore());
    }

    @Test
    void docker_proxyForTheServicesOwnContainerIsNoConflictButAForeignContainerIs() throws Exception {
        assertTrue(diagnose("own_container_holds_port").healthy());
        Diagnosis d = diagnose("foreign_container_holds_port");
        assertEquals(List.of("port_conflict"), fingerprints(d));
        assertEquals("other-web-1", d.problems().get(0).details().get("container"));
    }

    @Test
    void aPidFileAtAReusedOrDeadPidIsStale() throws Exception {
        Diagnosis d = diagnose("stale_process");
        assertEquals(List.of("stale_process", "stale_process"), fingerprints(d));
        Problem reused = d.problems().get(0);
        assertEquals("reused", reused.details().get("state"));
        assertTrue(reused.summary().contains("another program (sleep 300)"), reused.summary());
        assertTrue(reused.hint().contains("do not kill"), reused.hint());
        assertEquals("dead", d.problems().get(1).details().get("state"));
    }

    @Test
    void aFullFilesystemAndInodeExhaustionAreReportedOncePerMount() throws Exception {
        Diagnosis d = diagnose("disk_exhausted");
        assertEquals(List.of("disk_exhausted", "disk_exhausted"), fingerprints(d), d::toString);
        Problem full = d.problems().get(0);
        assertEquals(Problem.Severity.CRITICAL, full.severity());
        assertEquals("/srv/tiny", full.details().get("path"));
        assertTrue(full.evidence().get(0).excerpt().contains("100% /srv/tiny"));
        Problem inodes = d.problems().get(1);
        assertEquals("/data", inodes.details().get("path"));
        assertTrue(inodes.evidence().get(0).excerpt().startsWith("@@dfi"), "inode exhaustion quotes the df -Pi line");
    }

    @Test
    void aDaemonThatDoesNotAnswerIsDown() throws Exception {
        Diagnosis d = diagnose("docker_daemon_down");
        assertEquals(List.of("docker_daemon_down"), fingerprints(d));
        assertEquals(0.95, d.problems().get(0).confidence());
        assertEquals(60, d.healthScore());
    }

    @Test
    void aRefusedConnectionIsSshUnreachableWithItsKind() throws Exception {
        Diagnosis d = diagnose("ssh_unreachable");
        assertEquals(List.of("ssh_unreachable"), fingerprints(d));
        assertEquals("CONNECTION_REFUSED", d.problems().get(0).details().get("kind"));
        assertEquals("is sshd running on h1?", d.problems().get(0).hint());
    }

    @Test
    void onlyTheDependencyThatIsNotReadyIsReported() throws Exception {
        Diagnosis d = diagnose("dependency_not_ready");
        assertEquals(List.of("dependency_not_ready"), fingerprints(d));
        assertEquals("db", d.problems().get(0).details().get("dependency"));
    }

    @Test
    void permissionProblemsNameThePathAndWhatWouldFixIt() throws Exception {
        Diagnosis d = diagnose("permission_denied");
        assertEquals(List.of("permission_denied", "permission_denied", "permission_denied"), fingerprints(d),
                "a read-only bind source is fine: containers only need to read it");
        Problem ro = d.problems().get(0);
        assertEquals("/srv/web", ro.details().get("path"));
        assertTrue(ro.hint().contains("read-only mount"), ro.hint());
        Problem secret = d.problems().get(1);
        assertTrue(secret.summary().contains("not readable by deploy"), secret.summary());
        assertTrue(secret.hint().contains("chown deploy /data/secret") && secret.hint().contains("group staff"), secret.hint());
        assertEquals("docker socket", d.problems().get(2).details().get("path"));
        assertFalse(fingerprints(d).contains("docker_daemon_down"), "a refused socket is not a stopped daemon");
    }

    @Test
    void whatLooksWrongButMatchesNothingIsUnmatchedWithItsRawLine() throws Exception {
        Diagnosis d = diagnose("unmatched");
        assertEquals(List.of("unmatched", "unmatched"), fingerprints(d), "an exit code 0 is not a failure");
        assertEquals("@@ctr app-web-1|exited|Exited (3) 5 seconds ago", d.problems().get(0).evidence().get(0).excerpt());
        assertTrue(d.problems().get(0).summary().contains("exited with code 3"));
        assertEquals("Error: config key 'listen' is not supported", d.problems().get(1).evidence().get(0).excerpt());
        assertEquals(80, d.healthScore());
    }

    @Test
    void aHealthyHostHasNoProblemsAndFullScore() throws Exception {
        Diagnosis d = diagnose("healthy");
        assertTrue(d.healthy());
        assertEquals(100, d.healthScore());
    }

    @Test
    void theScoreSubtractsDocumentedPenaltiesAndStopsAtZero() {
        assertEquals(40, HealthScore.penalty(Problem.Severity.CRITICAL));
        assertEquals(25, HealthScore.penalty(Problem.Severity.HIGH));
        assertEquals(10, HealthScore.penalty(Problem.Severity.MEDIUM));
        assertEquals(5, HealthScore.penalty(Problem.Severity.LOW));
        Problem crit = new Problem("x", "s", "h", Problem.Severity.CRITICAL, 1, null, "", "", null);
        assertEquals(0, HealthScore.of(List.of(crit, crit, crit)));
    }
}

package deploy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import commands.History;
import java.nio.file.Path;
import java.util.List;
import lib.cli.ExitCode;
import lib.deploy.DeployReport;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.history.HistoryStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;
import support.CliRun.Outcome;

/** `portoser history list|show|compare|cleanup` through picocli, against a temporary $PORTOSER_HOME. */
class HistoryCommandTest {
    static final String A = "deploy-20261122-090000-aaaa", B = "deploy-20261123-150102-bbbb";

    @TempDir
    Path home;

    @BeforeEach
    void twoRecords() {
        System.setProperty("portoser.home", home.toString());
        record(A, "web: h1\n", HistoryStoreTest.web(true));
        record(B, "web: h2\n", HistoryStoreTest.web(false));
    }

    @AfterEach
    void restoreHome() { System.clearProperty("portoser.home"); }

    static void record(String id, String registry, lib.deploy.ServiceOutcome o) {
        HistoryRecorder r = HistoryRecorder.forRun(HistoryStore.standard(), "deploy", "registry.yml", registry);
        r.beforeDeploy(id, HistoryStoreTest.plan());
        r.afterService(o);
        r.afterDeploy(new DeployReport(id, "deploy", List.of(o), 5));
    }

    @Test
    void listNewestFirst() {
        Outcome o = CliRun.run(new History(), "list");
        assertEquals(0, o.code(), o.toString());
        List<String> lines = o.out().lines().toList();
        assertTrue(lines.get(0).startsWith("ID") && lines.get(1).startsWith(B) && lines.get(2).startsWith(A), o.out());
        assertTrue(lines.get(1).contains("failed") && lines.get(2).contains("success"), o.out());
    }

    @Test
    void showByPrefixWithPhases() {
        Outcome o = CliRun.run(new History(), "show", "deploy-20261123");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().startsWith(B + "  deploy  failed\n"), o.out());
        assertTrue(o.out().contains("  deploy web@h1  failed  preflight ✓ 0.0s  sync ✓ 0.0s  up ✗ 0.8s\n"), o.out());
        assertTrue(o.out().contains("      image web-web-1 sha256:aaa\n"), o.out());
    }

    @Test
    void compareShowsRegistryLines() {
        Outcome o = CliRun.run(new History(), "compare", A, B);
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains("    - web: h1\n    + web: h2\n"), o.out());
    }

    @Test
    void unknownIdIsBadInput() {
        Outcome o = CliRun.run(new History(), "show", "deploy-1999");
        assertEquals(ExitCode.BAD_INPUT, o.code());
        assertTrue(o.err().contains("✗ no deploy 'deploy-1999'"), o.err());
    }

    @Test
    void cleanupKeepsN() {
        Outcome o = CliRun.run(new History(), "cleanup", "--keep", "1", "--json");
        assertEquals(0, o.code(), o.toString());
        assertTrue(o.out().contains(A), o.out());
        assertEquals(List.of(B), HistoryStore.standard().ids());
    }
}

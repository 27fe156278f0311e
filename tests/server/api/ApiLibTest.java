package server.api;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.deploy.DependencyGraph;
import lib.knowledge.UnmatchedProblem;
import lib.observe.Observation;
import lib.observe.ObservationLog;
import lib.registry.EditException;
import lib.registry.RegistryEdits;
import lib.registry.RegistryJson;
import lib.registry.RegistryLoader;
import lib.registry.ServiceRemoval;
import lib.registry.ServiceUpdate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lib functions the read/registry API added, without a server: pure, in milliseconds. */
class ApiLibTest {
    static final String TEXT = """
            hosts:
              # main box
              a: {ip: 10.0.0.1, path: /srv}

              # spare box
              b:
                ip: 10.0.0.2
                path: /srv
            services:
              db: {current_host: a, deployment_type: local, service_file: s.yml}
              web:
                current_host: a
                deployment_type: local
                service_file: s.yml
                dependencies: [db]
            """;

    @Test
    void removeHostTakesItsCommentAndKeepsTheNeighbours() {
        String after = RegistryEdits.removeHost(TEXT, "b");
        assertEquals(TEXT.replace("\n  # spare box\n  b:\n    ip: 10.0.0.2\n    path: /srv\n", "\n"), after);
        EditException busy = assertThrows(EditException.class, () -> RegistryEdits.removeHost(TEXT, "a"));
        assertEquals("host 'a' is the current_host of: db, web", busy.getMessage());
        EditException none = assertThrows(EditException.class, () -> RegistryEdits.removeHost(TEXT, "c"));
        assertEquals("no host 'c' in the registry", none.getMessage());
    }

    @Test
    void serviceRemovalRefusesDependentsUnlessForced() {
        EditException e = assertThrows(EditException.class, () -> ServiceRemoval.of(TEXT, "db", false));
        assertEquals("service 'db' is a dependency of: web", e.getMessage());
        ServiceRemoval r = ServiceRemoval.of(TEXT, "db", true);
        assertEquals(List.of("web"), r.droppedFrom());
        assertFalse(r.text().contains("db"), r.text());
        assertTrue(RegistryLoader.check(Path.of("r.yml"), r.text(), Map.of()).ok());
    }

    @Test
    void typedUpdatesAreTheCommandLinesUpdates() {
        assertEquals(ServiceUpdate.parse("port=9090"), ServiceUpdate.of("port", 9090));
        assertEquals(ServiceUpdate.parse("tags=a,b"), ServiceUpdate.of("tags", List.of("a", "b")));
        assertEquals(ServiceUpdate.parse("healthcheck.tcp=80"), ServiceUpdate.of("healthcheck.tcp", 80));
        assertEquals(ServiceUpdate.parse("description=x=y"), ServiceUpdate.of("description", "x=y"));
        assertEquals(ServiceUpdate.parse("port="), ServiceUpdate.of("port", null));
        assertEquals(ServiceUpdate.parse("port="), ServiceUpdate.of("port", ""));
        assertEquals("port: expected a whole number, got 80x", assertThrows(EditException.class, () -> ServiceUpdate.of("port", "80x")).getMessage());
        assertEquals("tags: expected a list of names, got a", assertThrows(EditException.class, () -> ServiceUpdate.of("tags", "a")).getMessage());
        assertEquals("unknown field 'prot'", assertThrows(EditException.class, () -> ServiceUpdate.of("prot", 1)).getMessage());
    }

    @Test
    void graphNodesCarryTheirDeployWave() {
        var r = RegistryLoader.check(Path.of("r.yml"), TEXT, Map.of()).registry();
        DependencyGraph.Graph g = DependencyGraph.graph(r);
        assertEquals(List.of(new DependencyGraph.Node("db", "a", 1, "local"), new DependencyGraph.Node("web", "a", 2, "local")), g.nodes());
        assertEquals(List.of(new DependencyGraph.Edge("web", "db")), g.edges());
    }

    @Test
    void validationReportsPositionsAndTheOneLineForm() {
        var checked = RegistryLoader.check(Path.of("r.yml"), TEXT.replace("current_host: a, deployment_type: local, service_file: s.yml}",
                "current_host: z, deployment_type: local, service_file: s.yml}"), Map.of());
        Map<String, Object> v = RegistryJson.validation(checked);
        assertEquals(false, v.get("valid"));
        @SuppressWarnings("unchecked") Map<String, Object> p = ((List<Map<String, Object>>) v.get("problems")).get(0);
        assertEquals(10, p.get("line"));
        assertEquals("services.db.current_host", p.get("field"));
        assertEquals("r.yml:10:22: services.db.current_host: unknown host 'z' (did you mean `a`?)", p.get("text"));
    }

    @Test
    void unmatchedIsWhatNoFingerprintClaimed(@TempDir Path home) throws Exception {
        Observation log = new Observation("2026-01-01T00:00:00Z", "h1", "web", "log",
                Map.of("source", "up", "text", "exit 3\nweird: flux capacitor offline", "line", "exit 3\nweird: flux capacitor offline"));
        String portConflict = Files.readString(Path.of("tests/diagnose/fixtures/port_conflict.jsonl"));
        // Alone, the failure output is the unmatched problem; beside a matched fingerprint it explains itself.
        assertEquals(1, UnmatchedProblem.inRun("r1", List.of(log, log)).size(), "the same failure twice counts once");
        assertEquals("failure output: exit 3 — no known fingerprint matches", UnmatchedProblem.inRun("r1", List.of(log)).get(0).summary());
        List<Observation> matched = new java.util.ArrayList<>(ObservationLog.parse(portConflict));
        matched.add(log);
        assertEquals(List.of(), UnmatchedProblem.inRun("r2", matched));
        // From disk, newest run first, a torn last line costing only that line.
        new ObservationLog(home).append("deploy-1", List.of(log));
        Files.writeString(home.resolve("observations/deploy-1.jsonl"), "{\"torn\n", java.nio.file.StandardOpenOption.APPEND);
        List<UnmatchedProblem> found = UnmatchedProblem.find(home, 10);
        assertEquals(1, found.size());
        assertEquals("deploy-1", found.get(0).run());
        assertEquals("2026-01-01T00:00:00Z", found.get(0).ts());
        assertEquals(List.of(), UnmatchedProblem.find(home.resolve("nothing-here"), 10));
    }
}

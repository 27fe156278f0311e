package deploy.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.deploy.state.Deployed;
import lib.deploy.state.State;
import lib.deploy.state.StateDiff;
import lib.deploy.state.StateDiff.Change;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import org.junit.jupiter.api.Test;

/** The pure registry-vs-state diff that `apply` acts on. */
class StateDiffTest {
    static final String REGISTRY = """
            hosts:
              a: {ip: 10.0.0.1, path: /srv}
              b: {ip: 10.0.0.2, path: /srv}
            services:
              web: {current_host: b, deployment_type: local, service_file: web.yml}
              db: {current_host: a, deployment_type: local, service_file: db.yml}
              api: {current_host: a, deployment_type: local, service_file: api.yml}
            """;

    static Registry registry() {
        RegistryLoader.Checked c = RegistryLoader.check(Path.of("registry.yml"), REGISTRY, Map.of());
        assertTrue(c.ok(), () -> c.errors().toString());
        return c.registry();
    }

    @Test
    void orphanMigrationAndMissingAreFoundInOnePass() {
        State state = new State(Map.of("web", Deployed.on("a"), "db", Deployed.on("a"), "old", Deployed.on("b")));
        StateDiff d = StateDiff.of(registry(), state);
        assertEquals(List.of(new Change("old", "b", null)), d.orphans());
        assertEquals(List.of(new Change("web", "a", "b")), d.migrations());
        assertEquals(List.of(new Change("api", null, "a")), d.missing());
        assertEquals(List.of("db"), d.unchanged());
        assertEquals(List.of("- old  on b  (orphan: stop)", "~ web  a -> b  (migrate: stop, deploy)",
                "+ api  -> a  (missing: deploy)"), d.lines());
    }

    @Test
    void matchingStateIsNoChange() {
        State state = new State(Map.of("web", Deployed.on("b"), "db", Deployed.on("a"), "api", Deployed.on("a")));
        StateDiff d = StateDiff.of(registry(), state);
        assertTrue(d.empty());
        assertEquals(List.of("web", "db", "api"), d.unchanged());
    }

    @Test
    void emptyStateMeansEverythingIsMissing() {
        StateDiff d = StateDiff.of(registry(), State.EMPTY);
        assertEquals(List.of("web", "db", "api"), d.missing().stream().map(Change::service).toList());
        assertTrue(d.orphans().isEmpty() && d.migrations().isEmpty());
    }
}

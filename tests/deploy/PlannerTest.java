package deploy;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.deploy.Plan;
import lib.deploy.Planner;
import lib.deploy.Planner.Request;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.util.Json;
import org.junit.jupiter.api.Test;

class PlannerTest {
    final Registry reg = Fixtures.registry();

    static List<List<String>> waves(Plan p) {
        return p.waves().stream().map(w -> w.steps().stream().map(Plan.Step::service).toList()).toList();
    }

    static PortoserException rejected(Request req) {
        PortoserException e = assertThrows(PortoserException.class, () -> Planner.plan(Fixtures.registry(), req));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        return e;
    }

    @Test
    void allServicesFallIntoWavesByDependencyDepthInFileOrder() {
        Plan p = Planner.plan(reg, Request.everything());
        assertEquals(List.of(List.of("db", "cache", "solo"), List.of("api", "worker"), List.of("web")), waves(p));
        assertEquals(List.of(), p.external());
        assertEquals("all services", p.selection());
    }

    @Test
    void dependenciesOutsideTheSelectionMustAlreadyBeHealthy() {
        Plan p = Planner.plan(reg, Request.of("web", "api"));
        assertEquals(List.of(List.of("api"), List.of("web")), waves(p));
        assertEquals(List.of(new Plan.External("db", "a", List.of("api")), new Plan.External("cache", "b", List.of("api"))), p.external());
    }

    @Test
    void aServiceWhoseDependencyIsNotSelectedStartsInTheFirstWave() {
        assertEquals(List.of(List.of("web")), waves(Planner.plan(reg, Request.of("web"))));
    }

    @Test
    void tagSelectsTaggedServices() {
        Plan p = Planner.plan(reg, new Request(null, List.of(), false, "data"));
        assertEquals(List.of(List.of("db", "cache")), waves(p));
        assertEquals("tag data", p.selection());
    }

    @Test
    void hostAloneSelectsItsServicesAndCombinesWithTag() {
        Plan p = Planner.plan(reg, Planner.parse(reg, List.of("b"), false, null));
        assertEquals(List.of(List.of("cache", "web", "worker")), waves(p), "web's dependency api is on a, outside the plan");
        assertEquals(List.of("api", "db"), p.external().stream().map(Plan.External::service).toList());
        assertEquals(List.of(List.of("cache")), waves(Planner.plan(reg, Planner.parse(reg, List.of("b"), false, "data"))));
    }

    @Test
    void firstWordIsTheHostOnlyWhenItNamesOne() {
        assertEquals(new Request("a", List.of("db"), false, null), Planner.parse(reg, List.of("a", "db"), false, null));
        assertEquals(new Request(null, List.of("db", "api"), false, null), Planner.parse(reg, List.of("db", "api"), false, null));
    }

    @Test
    void aServiceNamedLikeAHostIsTheServiceWhenAlone() {
        Registry r = Fixtures.registry(Fixtures.REGISTRY + "  a2: {current_host: a, deployment_type: local, service_file: s/x.yml}\n"
                .replace("a2", "b"));
        assertEquals(new Request(null, List.of("b"), false, null), Planner.parse(r, List.of("b"), false, null));
        assertEquals(new Request("b", List.of("b"), false, null), Planner.parse(r, List.of("b", "b"), false, null));
    }

    @Test
    void hostAndServiceMustAgreeAndTheHintNamesMove() {
        PortoserException e = rejected(new Request("a", List.of("web"), false, null));
        assertEquals("web runs on b, not a", e.getMessage());
        assertEquals("to move it: portoser move web b a", e.hint());
    }

    @Test
    void unknownNamesAreRejectedWithASuggestion() {
        PortoserException e = rejected(Request.of("wbe"));
        assertEquals("unknown service 'wbe'", e.getMessage());
        assertEquals("did you mean `web`?", e.hint());
        assertEquals("did you mean `frontend`?", rejected(new Request(null, List.of(), false, "fronted")).hint());
        assertEquals("unknown host 'bb'", rejected(new Request("bb", List.of(), false, null)).getMessage());
    }

    @Test
    void aHostGivenAfterAServiceIsPointedOut() {
        PortoserException e = rejected(Request.of("web", "a"));
        assertEquals("'a' is a host: put it first (deploy a SERVICE…)", e.hint());
    }

    @Test
    void emptyOrContradictorySelectionsAreRejected() {
        assertEquals("nothing selected", rejected(new Request(null, List.of(), false, null)).getMessage());
        assertTrue(rejected(new Request(null, List.of("web"), true, null)).getMessage().contains("not both"));
        assertTrue(rejected(new Request("a", List.of(), false, "frontend")).getMessage().startsWith("no service matches tag frontend on a"));
    }

    @Test
    void cyclesNeverReachThePlannerBecauseTheRegistryRejectsThem() {
        String cyclic = Fixtures.REGISTRY.replace("dependencies: [db]}", "dependencies: [db, web]}")
                .replace("dependencies: [api]", "dependencies: [api, worker]");
        RegistryLoader.Checked c = RegistryLoader.check(Path.of("r.yml"), cyclic, Map.of());
        assertFalse(c.ok());
        assertTrue(c.errors().toString().contains("dependency cycle"), c.errors().toString());
    }

    @Test
    void textNamesWavesHostsAndWhatMustBeHealthy() {
        String text = Planner.plan(reg, Request.of("web", "api")).text();
        assertEquals("""
                Plan: web, api — 2 services in 2 waves
                  wave 1:
                    api@a  (local)  after db, cache
                  wave 2:
                    web@b  (docker)  after api
                  must already be healthy:
                    db@a  (needed by api)
                    cache@b  (needed by api)
                """, text);
    }

    @Test
    void jsonHasWavesWithServicesAndTheExternalDependencies() throws Exception {
        JsonNode j = Json.MAPPER.readTree(Json.pretty(Planner.plan(reg, Request.of("web", "api")).json()));
        assertEquals("web, api", j.get("selection").asText());
        assertEquals(1, j.get("waves").get(0).get("wave").asInt());
        JsonNode api = j.get("waves").get(0).get("services").get(0);
        assertEquals("api", api.get("service").asText());
        assertEquals("a", api.get("host").asText());
        assertEquals("local", api.get("type").asText());
        assertEquals("db", api.get("dependencies").get(0).asText());
        assertEquals("web", j.get("waves").get(1).get("services").get(0).get("service").asText());
        assertEquals("db", j.get("must_be_healthy").get(0).get("service").asText());
        assertEquals("api", j.get("must_be_healthy").get(0).get("needed_by").get(0).asText());
    }
}

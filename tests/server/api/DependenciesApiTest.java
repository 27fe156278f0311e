package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Dependencies;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/** /api/dependencies: the graph as nodes laid out by deploy wave and edges, and `dependencies order|impact --json`. */
class DependenciesApiTest {
    @TempDir
    Path tmp;
    ApiCluster cluster;
    WebFixture web;

    @BeforeEach
    void start() throws Exception {
        cluster = new ApiCluster(tmp);
        web = cluster.web();
    }

    @AfterEach
    void stop() throws Exception { cluster.close(); }

    static List<String> nodes(JsonNode graph) {
        List<String> out = new ArrayList<>();
        graph.get("nodes").forEach(n -> out.add(n.get("id").asText() + "@" + n.get("host").asText() + " wave " + n.get("wave").asInt()
                + " " + n.get("deployment_type").asText()));
        return out;
    }

    static List<String> edges(JsonNode graph) {
        List<String> out = new ArrayList<>();
        graph.get("edges").forEach(e -> out.add(e.get("from").asText() + "->" + e.get("to").asText()));
        return out;
    }

    @Test
    void graphHasNodesByWaveAndAnEdgeToEachDependency() throws Exception {
        Reply r = web.get("/api/dependencies/graph", Scope.READ);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("web@here wave 2 local", "db@here wave 1 local", "worker@here wave 2 local", "bad@spare wave 1 local"), nodes(r.json()));
        assertEquals(List.of("web->db", "worker->db"), edges(r.json()));
        // An edit is seen by the next read: web now also needs worker, which puts it a wave later.
        assertEquals(200, web.put("/api/services/web", Map.of("dependencies", List.of("db", "worker")), Scope.ADMIN).status());
        JsonNode after = web.get("/api/dependencies/graph", Scope.READ).json();
        assertEquals("web@here wave 3 local", nodes(after).get(0));
        assertEquals(List.of("web->db", "web->worker", "worker->db"), edges(after));
    }

    @Test
    void orderAndImpactAreTheCliDocuments() throws Exception {
        Reply order = web.get("/api/dependencies/order", Scope.READ);
        assertEquals(200, order.status(), order.body());
        assertEquals(Json.MAPPER.readTree(cluster.cli(new Dependencies(), "order", "--json").out()), order.json());
        Reply some = web.get("/api/dependencies/order?services=web", Scope.READ);
        assertEquals(Json.MAPPER.readTree(cluster.cli(new Dependencies(), "order", "web", "--json").out()), some.json());
        assertEquals(List.of("db", "web"), some.json().get("waves").findValuesAsText("service"));
        Reply impact = web.get("/api/dependencies/impact/db", Scope.READ);
        assertEquals(200, impact.status(), impact.body());
        assertEquals(Json.MAPPER.readTree(cluster.cli(new Dependencies(), "impact", "db", "--json").out()), impact.json());
        assertEquals(1, impact.json().get("impacted").get("web").asInt());
        assertEquals(1, impact.json().get("impacted").get("worker").asInt());
        assertEquals(0, web.get("/api/dependencies/impact/web", Scope.READ).json().get("impacted").size());
    }

    @Test
    void unknownServicesAreNamed() {
        Reply impact = web.get("/api/dependencies/impact/dbb", Scope.READ);
        assertEquals(404, impact.status());
        assertEquals("no service 'dbb' (did you mean `db`?)", impact.json().get("detail").asText());
        Reply order = web.get("/api/dependencies/order?services=web,nope", Scope.READ);
        assertEquals(400, order.status(), order.body());
        assertEquals("services", order.json().get("field").asText());
        assertEquals(401, web.get("/api/dependencies/graph", (String) null).status());
    }
}

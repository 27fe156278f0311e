package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.History;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;
import support.CliRun;

/** /api/history over two real deploys with a registry edit between them: list, show and compare as the CLI's --json. */
class HistoryApiTest {
    @TempDir
    static Path tmp;
    static ApiCluster cluster;
    static WebFixture web;
    static String first, second;

    @BeforeAll
    static void twoDeploys() throws Exception {
        cluster = new ApiCluster(tmp);
        web = cluster.web();
        CliRun.Outcome d1 = cluster.deploy("db", "--json-output");
        assertEquals(0, d1.code(), d1::toString);
        first = Json.MAPPER.readTree(d1.out()).get("id").asText();
        assertEquals(200, web.put("/api/services/web", Map.of("tags", List.of("frontend", "public")), Scope.ADMIN).status());
        CliRun.Outcome d2 = cluster.deploy("web", "--json-output");
        assertEquals(0, d2.code(), d2::toString);
        second = Json.MAPPER.readTree(d2.out()).get("id").asText();
    }

    @AfterAll
    static void stop() throws Exception { cluster.close(); }

    @Test
    void listIsHistoryListNewestFirstFilteredAndLimited() throws Exception {
        Reply all = web.get("/api/history", Scope.READ);
        assertEquals(200, all.status(), all.body());
        assertEquals(List.of(second, first), all.json().findValuesAsText("id"));
        assertEquals(Json.MAPPER.readTree(cluster.cli(new History(), "list", "--json").out()), all.json(), "the document `history list --json` prints");
        assertEquals(List.of(second), web.get("/api/history?service=web", Scope.READ).json().findValuesAsText("id"));
        assertEquals(List.of(first), web.get("/api/history?service=db", Scope.READ).json().findValuesAsText("id"));
        assertEquals(0, web.get("/api/history?service=gone", Scope.READ).json().size(), "a service no longer registered may have history: none here");
        assertEquals(List.of(second), web.get("/api/history?limit=1", Scope.READ).json().findValuesAsText("id"));
        for (String bad : new String[] {"abc", "0", "-1"}) {
            Reply r = web.get("/api/history?limit=" + bad, Scope.READ);
            assertEquals(400, r.status(), r.body());
            assertEquals("limit", r.json().get("field").asText());
        }
    }

    @Test
    void showByIdOrUniquePrefix() throws Exception {
        Reply r = web.get("/api/history/" + first, Scope.READ);
        assertEquals(200, r.status(), r.body());
        assertEquals(Json.MAPPER.readTree(cluster.cli(new History(), "show", first, "--json").out()), r.json());
        assertEquals("success", r.json().get("result").asText());
        assertEquals(List.of("db"), ApiCluster.texts(r.json().get("services")));
        assertEquals(second, web.get("/api/history/" + second.substring(0, second.length() - 2), Scope.READ).json().get("id").asText());
        Reply none = web.get("/api/history/deploy-20000101-000000-abcd", Scope.READ);
        assertEquals(404, none.status(), none.body());
        assertEquals("not_found", none.json().get("error").asText());
        assertEquals(400, web.get("/api/history/deploy-", Scope.READ).status(), "a prefix naming both is ambiguous");
    }

    @Test
    void compareIsHistoryCompare() throws Exception {
        Reply r = web.get("/api/history/compare?a=" + first + "&b=" + second, Scope.READ);
        assertEquals(200, r.status(), r.body());
        JsonNode c = r.json();
        assertEquals(Json.MAPPER.readTree(cluster.cli(new History(), "compare", first, second, "--json").out()), c);
        assertEquals(List.of("db"), ApiCluster.texts(c.get("only_in_from")));
        assertEquals(List.of("web"), ApiCluster.texts(c.get("only_in_to")));
        assertTrue(ApiCluster.texts(c.get("registry")).stream().anyMatch(l -> l.contains("tags: [frontend, public]")), c.toString());
        Reply missing = web.get("/api/history/compare?a=" + first, Scope.READ);
        assertEquals(400, missing.status());
        assertEquals("b", missing.json().get("field").asText());
        Reply unknown = web.get("/api/history/compare?a=deploy-19990101-000000-0000&b=" + second, Scope.READ);
        assertEquals(404, unknown.status());
        assertEquals("a", unknown.json().get("field").asText());
        assertEquals(401, web.get("/api/history", (String) null).status());
    }
}

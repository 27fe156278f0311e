package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;
import support.CliRun;

/**
 * /api/services over real HTTP: reads as `registry show --json`, and edits through the CLI's own locked, validated,
 * comment-keeping edits — the file the API writes is byte for byte the file `portoser registry …` writes, and a
 * rejected edit leaves it byte for byte as it was.
 */
class ServicesApiTest {
    @TempDir
    Path tmp;
    ApiCluster cluster;
    WebFixture web;

    @BeforeEach
    void start() throws Exception {
        cluster = new ApiCluster(tmp.resolve("api"));
        web = cluster.web();
    }

    @AfterEach
    void stop() throws Exception { cluster.close(); }

    String file() throws Exception { return Files.readString(cluster.registry); }

    /** The same edit made by `portoser registry …` on a copy of the original registry: the text it leaves. */
    String cliResult(String... args) throws Exception {
        Path copy = Files.createDirectories(tmp.resolve("cli")).resolve("registry.yml");
        Files.writeString(copy, cluster.text());
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, 1);
        all[1] = "--registry";
        all[2] = copy.toString();
        System.arraycopy(args, 1, all, 3, args.length - 1);
        CliRun.Outcome r = CliRun.run(new Registry(), all);
        assertEquals(0, r.code(), r::toString);
        return Files.readString(copy);
    }

    @Test
    void listsEveryServiceAsRegistryShowPrintsIt() throws Exception {
        Reply all = web.get("/api/services", Scope.READ);
        assertEquals(200, all.status(), all.body());
        assertEquals(List.of("web", "db", "worker", "bad"), all.json().findValuesAsText("name"));
        Reply one = web.get("/api/services/web", Scope.READ);
        assertEquals(200, one.status(), one.body());
        CliRun.Outcome show = cluster.cli(new Registry(), "show", "web", "--json");
        assertEquals(lib.util.Json.MAPPER.readTree(show.out()), one.json(), "same document as `registry show web --json`");
        assertEquals("http://127.0.0.1:" + cluster.webPort + "/health", one.json().get("healthcheck_url").asText());
        assertEquals(List.of("web", "worker"), ApiCluster.texts(all.json().get(1).get("dependents")));
    }

    @Test
    void unknownServiceIs404WithSuggestion() {
        Reply r = web.get("/api/services/wbe", Scope.READ);
        assertEquals(404, r.status(), r.body());
        assertEquals("not_found", r.json().get("error").asText());
        assertEquals("no service 'wbe' (did you mean `web`?)", r.json().get("detail").asText());
        assertEquals(404, web.put("/api/services/nope", Map.of("port", 1), Scope.ADMIN).status());
        assertEquals(404, web.delete("/api/services/nope", Scope.ADMIN).status());
    }

    @Test
    void addWritesWhatTheCliWritesAndTheNextReadSeesIt() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "cache");
        body.put("tags", List.of("data"));          // given out of order: written in the registry's order
        body.put("port", 6379);
        body.put("service_file", "services/cache/service.yml");
        body.put("deployment_type", "local");
        body.put("current_host", "spare");
        body.put("dependencies", List.of("db"));
        Reply r = web.post("/api/services", body, Scope.ADMIN);
        assertEquals(201, r.status(), r.body());
        assertEquals("spare", r.json().get("current_host").asText());
        assertEquals(cliResult("add-service", "cache", "--host", "spare", "--type", "local", "--service-file", "services/cache/service.yml",
                "--port", "6379", "--depends-on", "db", "--tags", "data"), file(), "byte for byte what `registry add-service` writes");
        assertTrue(file().startsWith("# Test cluster: everything runs on this machine.\n"), "comments kept");
        Reply after = web.get("/api/services/cache", Scope.READ);
        assertEquals(200, after.status(), after.body());
        assertEquals(6379, after.json().get("port").asInt());
        assertEquals(409, web.post("/api/services", body, Scope.ADMIN).status(), "the name is taken now");
    }

    @Test
    void anAddThatWouldNotValidateIs400WithEveryProblemAndTheFileUntouched() throws Exception {
        String before = file();
        Reply r = web.post("/api/services", Map.of("name", "cache", "current_host", "nowhere", "deployment_type", "docker", "port", 70000),
                Scope.ADMIN);
        assertEquals(400, r.status(), r.body());
        JsonNode j = r.json();
        assertEquals("invalid", j.get("error").asText());
        assertEquals("services.cache.docker_compose", j.get("field").asText(), r.body()); // the first problem in file order
        List<String> problems = ApiCluster.texts(j.get("problems"));
        String f = cluster.registry.toAbsolutePath().toString();
        assertTrue(problems.stream().anyMatch(p -> p.matches("\\Q" + f + "\\E:\\d+:\\d+: services\\.cache\\.current_host: unknown host 'nowhere' .*")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains(": services.cache.docker_compose: missing required field for deployment_type docker")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains(": services.cache.port: ")), problems.toString());
        assertEquals(before, file(), "nothing written");
        assertEquals(404, web.get("/api/services/cache", Scope.READ).status());
    }

    @Test
    void badBodiesName400TheField() throws Exception {
        String before = file();
        Reply noName = web.post("/api/services", Map.of("current_host", "here"), Scope.ADMIN);
        assertEquals(400, noName.status());
        assertEquals("name", noName.json().get("field").asText());
        Reply badName = web.post("/api/services", Map.of("name", "../etc"), Scope.ADMIN);
        assertEquals(400, badName.status());
        assertEquals("name", badName.json().get("field").asText());
        assertTrue(badName.json().get("detail").asText().startsWith("invalid service name '../etc'"), badName.body());
        Reply boolPort = web.post("/api/services", Map.of("name", "x", "port", true), Scope.ADMIN);
        assertEquals(400, boolPort.status());
        assertEquals("port", boolPort.json().get("field").asText());
        Reply notJson = web.withBody("POST", "/api/services", "{\"name\": ", web.token(Scope.ADMIN));
        assertEquals(400, notJson.status());
        assertTrue(notJson.json().get("detail").asText().startsWith("request body is not valid JSON"), notJson.body());
        assertEquals(before, file());
    }

    @Test
    void updateIsRegistryUpdateAndKeepsComments() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("port", 9090);
        body.put("tags", List.of("frontend", "public"));
        body.put("healthcheck_url", null);                 // removed...
        body.put("healthcheck", Map.of("tcp", 9090));      // ...for a TCP check
        Reply r = web.put("/api/services/web", body, Scope.ADMIN);
        assertEquals(200, r.status(), r.body());
        assertEquals(9090, r.json().get("port").asInt());
        assertEquals(9090, r.json().get("healthcheck").get("tcp").asInt());
        assertEquals(cliResult("update", "web", "port=9090", "tags=frontend,public", "healthcheck_url=", "healthcheck.tcp=9090"), file());
        assertTrue(file().contains("    dependencies: [db]   # waits for the database\n"), "other lines untouched");
        assertEquals(9090, web.get("/api/services/web", Scope.READ).json().get("port").asInt(), "the next read sees it");
        // A same-size edit straight after: still seen (no stale mtime/size cache).
        assertEquals(200, web.put("/api/services/web", Map.of("port", 9091), Scope.ADMIN).status());
        assertEquals(9091, web.get("/api/services/web", Scope.READ).json().get("port").asInt());
    }

    @Test
    void badUpdatesAre400NamingTheFieldAndWriteNothing() throws Exception {
        String before = file();
        Reply unknown = web.put("/api/services/web", Map.of("prot", 1), Scope.ADMIN);
        assertEquals(400, unknown.status(), unknown.body());
        assertEquals("prot", unknown.json().get("field").asText());
        assertEquals("unknown field 'prot' (did you mean `port`?)", unknown.json().get("detail").asText());
        Reply type = web.put("/api/services/web", Map.of("dependencies", "db"), Scope.ADMIN);
        assertEquals(400, type.status());
        assertEquals("dependencies", type.json().get("field").asText());
        Reply invalid = web.put("/api/services/web", Map.of("current_host", "nowhere"), Scope.ADMIN);
        assertEquals(400, invalid.status(), invalid.body());
        assertEquals("services.web.current_host", invalid.json().get("field").asText());
        assertTrue(invalid.json().get("detail").asText().contains("services.web.current_host: unknown host 'nowhere'"), invalid.body());
        Reply cycle = web.put("/api/services/db", Map.of("dependencies", List.of("web")), Scope.ADMIN);
        assertEquals(400, cycle.status(), cycle.body());
        assertTrue(cycle.body().contains("dependency cycle"), cycle.body());
        Reply empty = web.put("/api/services/web", Map.of(), Scope.ADMIN);
        assertEquals(400, empty.status());
        assertEquals(before, file(), "byte-identical after every rejected edit");
    }

    @Test
    void removeRefusesWhileOthersDependUnlessForced() throws Exception {
        String before = file();
        Reply refused = web.delete("/api/services/db", Scope.ADMIN);
        assertEquals(409, refused.status(), refused.body());
        assertEquals("service 'db' is a dependency of: web, worker (remove it from their dependencies first, or pass --force to do both)",
                refused.json().get("detail").asText());
        assertEquals(before, file());
        Reply forced = web.send("DELETE", "/api/services/db?force=true", web.token(Scope.ADMIN), null, null, Map.of());
        assertEquals(200, forced.status(), forced.body());
        assertEquals(List.of("web", "worker"), ApiCluster.texts(forced.json().get("dropped_from")));
        assertEquals(cliResult("remove", "db", "--force"), file());
        assertEquals(404, web.get("/api/services/db", Scope.READ).status());
        assertEquals(0, web.get("/api/services/web", Scope.READ).json().get("dependencies").size());
    }

    @Test
    void editsNeedAnAdminToken() throws Exception {
        String before = file();
        for (Scope s : new Scope[] {Scope.READ, Scope.DEPLOY}) {
            assertEquals(403, web.post("/api/services", Map.of("name", "x"), s).status());
            assertEquals(403, web.put("/api/services/web", Map.of("port", 1), s).status());
            assertEquals(403, web.delete("/api/services/worker", s).status());
        }
        assertEquals(401, web.get("/api/services", (String) null).status());
        assertEquals(before, file());
    }
}

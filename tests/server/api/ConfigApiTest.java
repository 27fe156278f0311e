package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import lib.server.Scope;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/** /api/config: the validated registry as JSON, and checking a proposed text as `registry validate` does — writing nothing. */
class ConfigApiTest {
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

    Reply validate(String contentType, String body) {
        return web.send("POST", "/api/config/validate", web.token(Scope.READ), contentType,
                body == null ? null : body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    @Test
    void configIsTheRegistryWithItsText() throws Exception {
        Reply r = web.get("/api/config", Scope.READ);
        assertEquals(200, r.status(), r.body());
        JsonNode c = r.json();
        assertEquals("internal", c.get("domain").asText());
        assertEquals("127.0.0.1", c.get("hosts").get("spare").get("ip").asText());
        assertEquals("web.internal", c.get("services").get("web").get("hostname").asText());
        assertEquals("200ms", c.get("services").get("db").get("healthcheck_interval").asText());
        assertEquals(cluster.dbPort, c.get("services").get("db").get("healthcheck").get("tcp").asInt());
        assertTrue(c.get("dns").isNull());
        assertEquals(Files.readString(cluster.registry), c.get("yaml").asText());
        assertEquals(1, c.get("generation").asLong());
        assertTrue(c.get("registry_error").isNull());
    }

    @Test
    void aValidProposalSaysSoAndCounts() throws Exception {
        Reply r = validate("text/yaml", Files.readString(cluster.registry).replace("port: " + cluster.webPort, "port: 9999"));
        assertEquals(200, r.status(), r.body());
        assertTrue(r.json().get("valid").asBoolean(), r.body());
        assertEquals(0, r.json().get("problems").size());
        assertEquals(2, r.json().get("hosts").asInt());
        assertEquals(4, r.json().get("services").asInt());
    }

    @Test
    void anInvalidProposalListsEveryProblemWithItsPositionAndChangesNothing() throws Exception {
        String before = Files.readString(cluster.registry);
        String proposed = before.replace("current_host: spare", "current_host: spaer").replace("    tags: [frontend]\n", "    tgas: [frontend]\n");
        for (Reply r : new Reply[] {validate("text/yaml; charset=utf-8", proposed),
                web.withBody("POST", "/api/config/validate", Map.of("yaml", proposed), web.token(Scope.READ))}) {
            assertEquals(200, r.status(), r.body());
            JsonNode j = r.json();
            assertFalse(j.get("valid").asBoolean());
            assertEquals(2, j.get("problems").size(), r.body());
            JsonNode tags = j.get("problems").get(0);
            assertEquals("services.web.tgas", tags.get("field").asText(), r.body());
            assertEquals(23, tags.get("line").asInt());
            assertEquals(5, tags.get("column").asInt());
            assertEquals("did you mean `tags`?", tags.get("hint").asText());
            JsonNode host = j.get("problems").get(1);
            assertEquals("services.bad.current_host", host.get("field").asText());
            assertEquals("unknown host 'spaer'", host.get("message").asText());
            assertEquals(cluster.registry.toAbsolutePath() + ":" + host.get("line").asInt() + ":" + host.get("column").asInt()
                    + ": services.bad.current_host: unknown host 'spaer' (did you mean `spare`?)", host.get("text").asText());
        }
        Reply malformed = validate("text/yaml", "hosts: [\n");
        assertFalse(malformed.json().get("valid").asBoolean());
        assertTrue(malformed.json().get("problems").get(0).get("message").asText().startsWith("malformed YAML"), malformed.body());
        assertEquals(before, Files.readString(cluster.registry), "validating writes nothing");
        assertEquals(1, web.get("/api/config", Scope.READ).json().get("generation").asLong());
    }

    @Test
    void badBodiesAre400Or415() {
        assertEquals(400, validate("text/yaml", null).status());
        Reply noYaml = web.withBody("POST", "/api/config/validate", Map.of("yml", "x"), web.token(Scope.READ));
        assertEquals(400, noYaml.status());
        assertEquals("yaml", noYaml.json().get("field").asText());
        Reply form = validate("application/x-www-form-urlencoded", "a=b");
        assertEquals(415, form.status(), form.body());
        assertEquals(401, web.send("POST", "/api/config/validate", null, "text/yaml", "hosts: {}".getBytes(StandardCharsets.UTF_8), Map.of()).status());
    }
}

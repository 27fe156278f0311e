package server.api;

import static org.junit.jupiter.api.Assertions.*;

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

/** /api/machines over real HTTP: the hosts with their services; add and remove through the registry's own edits. */
class MachinesApiTest {
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

    @Test
    void listsMachinesWithTheirServices() {
        Reply r = web.get("/api/machines", Scope.READ);
        assertEquals(200, r.status(), r.body());
        assertEquals(List.of("here", "spare"), r.json().findValuesAsText("name"));
        assertEquals(List.of("web", "db", "worker"), ApiCluster.texts(r.json().get(0).get("services")));
        Reply one = web.get("/api/machines/spare", Scope.READ);
        assertEquals(200, one.status(), one.body());
        assertEquals("127.0.0.1", one.json().get("ip").asText());
        assertEquals(22, one.json().get("ssh_port").asInt(), "defaults filled in");
        assertEquals(cluster.dir.resolve("spare").toString(), one.json().get("path").asText());
        assertEquals(List.of("bad"), ApiCluster.texts(one.json().get("services")));
        Reply unknown = web.get("/api/machines/sapre", Scope.READ);
        assertEquals(404, unknown.status());
        assertEquals("no host 'sapre' (did you mean `spare`?)", unknown.json().get("detail").asText());
    }

    @Test
    void addIsRegistryAddMachine() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", "pi");
        body.put("roles", List.of("docker"));
        body.put("arch", "arm64");
        body.put("path", "/opt/portoser");
        body.put("ssh_user", "deploy");
        body.put("ip", "10.0.0.11");
        Reply r = web.post("/api/machines", body, Scope.ADMIN);
        assertEquals(201, r.status(), r.body());
        assertEquals("arm64", r.json().get("arch").asText());
        Path copy = Files.createDirectories(tmp.resolve("cli")).resolve("registry.yml");
        Files.writeString(copy, cluster.text());
        CliRun.Outcome cli = CliRun.run(new Registry(), "add-machine", "pi", "--registry", copy.toString(), "--ip", "10.0.0.11",
                "--ssh-user", "deploy", "--path", "/opt/portoser", "--arch", "arm64", "--roles", "docker");
        assertEquals(0, cli.code(), cli::toString);
        assertEquals(Files.readString(copy), file(), "byte for byte what `registry add-machine` writes");
        assertTrue(file().contains("  spare:   # nothing on it yet\n"), "comments kept");
        assertEquals("10.0.0.11", web.get("/api/machines/pi", Scope.READ).json().get("ip").asText(), "the next read sees it");
        assertEquals(409, web.post("/api/machines", body, Scope.ADMIN).status(), "the name is taken now");
    }

    @Test
    void badMachinesAre400AndWriteNothing() throws Exception {
        String before = file();
        Reply missing = web.post("/api/machines", Map.of("name", "pi", "ip", "10.0.0.11"), Scope.ADMIN);
        assertEquals(400, missing.status(), missing.body());
        assertEquals("hosts.pi.path", missing.json().get("field").asText());
        assertTrue(missing.json().get("detail").asText().matches(".*registry\\.yml:\\d+:\\d+: hosts\\.pi\\.path: missing required field .*"), missing.body());
        Reply arch = web.post("/api/machines", Map.of("name", "pi", "ip", "10.0.0.11", "path", "/opt", "arch", "amd46"), Scope.ADMIN);
        assertEquals(400, arch.status(), arch.body());
        assertEquals("hosts.pi.arch", arch.json().get("field").asText());
        assertTrue(arch.json().get("detail").asText().endsWith("hosts.pi.arch: expected one of amd64, arm64, got 'amd46' (did you mean `amd64`?)"), arch.body());
        Reply unknownKey = web.post("/api/machines", Map.of("name", "pi", "ip", "10.0.0.11", "path", "/opt", "ssh_usr", "x"), Scope.ADMIN);
        assertEquals(400, unknownKey.status(), unknownKey.body());
        assertTrue(unknownKey.body().contains("did you mean `ssh_user`?"), unknownKey.body());
        Reply name = web.post("/api/machines", Map.of("name", "a b", "ip", "1.2.3.4", "path", "/"), Scope.ADMIN);
        assertEquals(400, name.status());
        assertEquals("name", name.json().get("field").asText());
        Reply roles = web.post("/api/machines", Map.of("name", "pi", "ip", "1.2.3.4", "path", "/", "roles", List.of(1, 2)), Scope.ADMIN);
        assertEquals(400, roles.status());
        assertEquals("roles", roles.json().get("field").asText());
        assertEquals(before, file(), "byte-identical after every rejected add");
    }

    @Test
    void removeRefusesWhileServicesRunThereThenRemoves() throws Exception {
        String before = file();
        Reply refused = web.delete("/api/machines/spare", Scope.ADMIN);
        assertEquals(409, refused.status(), refused.body());
        assertEquals("host 'spare' is the current_host of: bad (move them first: portoser registry move SERVICE OTHER_HOST)",
                refused.json().get("detail").asText());
        assertEquals(before, file());
        assertEquals(200, web.put("/api/services/bad", Map.of("current_host", "here"), Scope.ADMIN).status());
        Reply removed = web.delete("/api/machines/spare", Scope.ADMIN);
        assertEquals(200, removed.status(), removed.body());
        assertFalse(file().contains("spare"), "its lines and its trailing comment are gone:\n" + file());
        assertTrue(file().contains("  # the machine running the tests\n  here:\n"), "the neighbour's comment stays");
        assertEquals(404, web.get("/api/machines/spare", Scope.READ).status());
        assertEquals(404, web.delete("/api/machines/spare", Scope.ADMIN).status());

        // `portoser registry remove-machine` is the same edit: refused the same way, then the same bytes.
        Path copy = Files.createDirectories(tmp.resolve("cli")).resolve("registry.yml");
        Files.writeString(copy, cluster.text());
        CliRun.Outcome no = CliRun.run(new Registry(), "remove-machine", "spare", "--registry", copy.toString());
        assertEquals(2, no.code(), no::toString);
        assertEquals("✗ host 'spare' is the current_host of: bad\n  hint: move them first: portoser registry move SERVICE OTHER_HOST\n", no.err());
        assertEquals(0, CliRun.run(new Registry(), "update", "bad", "current_host=here", "--registry", copy.toString()).code());
        CliRun.Outcome yes = CliRun.run(new Registry(), "remove-machine", "spare", "--registry", copy.toString());
        assertEquals(0, yes.code(), yes::toString);
        assertEquals(Files.readString(copy), file());
    }

    @Test
    void editsNeedAnAdminToken() throws Exception {
        String before = file();
        for (Scope s : new Scope[] {Scope.READ, Scope.DEPLOY}) {
            assertEquals(403, web.post("/api/machines", Map.of("name", "pi", "ip", "1.2.3.4", "path", "/"), s).status());
            assertEquals(403, web.delete("/api/machines/spare", s).status());
        }
        assertEquals(before, file());
    }
}

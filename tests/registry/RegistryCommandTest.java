package registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import lib.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import support.CliRun;

/** Each `registry` subcommand through picocli: exit code, stdout, stderr, and the file afterwards. */
class RegistryCommandTest {
    static final String TEXT = """
            domain: lab
            hosts:
              nuc:
                ip: 10.0.0.10
                path: /opt/p
              pi:
                ip: 10.0.0.11
                path: /opt/p
            services:
              web:
                current_host: nuc   # pinned
                deployment_type: docker
                docker_compose: web.yml
                port: 8080
                healthcheck_url: http://{host}:8080/health
                dependencies: [db]
              db:
                current_host: nuc
                deployment_type: docker
                docker_compose: db.yml
                port: 5432
            """;

    @TempDir
    Path dir;

    Path file;

    CliRun.Outcome run(String... args) throws IOException {
        if (file == null) {
            file = dir.resolve("registry.yml");
            Files.writeString(file, TEXT);
        }
        String[] all = new String[args.length + 2];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--registry";
        all[args.length + 1] = file.toString();
        return CliRun.run(new commands.Registry(), all);
    }

    String fileText() throws IOException { return Files.readString(file); }

    @Test
    void validateSaysValidWithCounts() throws IOException {
        CliRun.Outcome r = run("validate");
        assertEquals(0, r.code(), r::toString);
        assertEquals("✓ " + file + ": valid (2 hosts, 2 services)\n", r.out());
    }

    @Test
    void validatePrintsEveryProblemAndExitsOne() throws IOException {
        Path bad = dir.resolve("bad.yml");
        Files.writeString(bad, "hosts:\n  nuc:\n    ip: 1\n    path: /p\n    sshport: 2\nservices:\n  web: {current_host: nux, deployment_type: local, service_file: s}\n");
        CliRun.Outcome r = CliRun.run(new commands.Registry(), "validate", bad.toString());
        assertEquals(1, r.code(), r::toString);
        assertEquals(bad + ":5:5: hosts.nuc.sshport: unknown key (did you mean `ssh_port`?)\n"
                + bad + ":7:23: services.web.current_host: unknown host 'nux' (did you mean `nuc`?)\n"
                + "✗ 2 problems in " + bad + "\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void anyOtherCommandStopsOnABrokenRegistryWithTheSameLinesAndExitTwo() throws IOException {
        file = dir.resolve("registry.yml");
        Files.writeString(file, "hosts:\n  nuc: {ip: 1, path: /p, arch: x86}\n");
        CliRun.Outcome r = run("list");
        assertEquals(2, r.code(), r::toString);
        assertEquals("✗ 1 problem in the registry:\n"
                + "  " + file + ":2:32: hosts.nuc.arch: expected one of amd64, arm64, got 'x86'\n"
                + "  hint: fix the registry, then check it with: portoser registry validate\n", r.err());
        assertTrue(!r.err().contains("Exception"), "no stack trace");
    }

    @Test
    void listPrintsATableOrJson() throws IOException {
        CliRun.Outcome r = run("list");
        assertEquals(0, r.code(), r::toString);
        assertEquals("SERVICE  HOST  TYPE    PORT  DEPS\nweb      nuc   docker  8080  db\ndb       nuc   docker  5432  -\n", r.out());
        JsonNode json = Json.MAPPER.readTree(run("list", "--json").out());
        assertEquals(2, json.size());
        assertEquals("web", json.get(0).get("service").asText());
        assertEquals("db", json.get(0).get("dependencies").get(0).asText());
        assertEquals(5432, json.get(1).get("port").asInt());
    }

    @Test
    void showGivesEveryFieldWithDefaults() throws IOException {
        CliRun.Outcome r = run("show", "db");
        assertEquals(0, r.code(), r::toString);
        assertTrue(r.out().contains("healthcheck_interval: 2s\n"), r.out());
        assertTrue(r.out().contains("healthcheck_retries:  15\n"), r.out());
        assertTrue(r.out().contains("dependents:           web\n"), r.out());
        assertTrue(r.out().contains("hostname:             db.lab\n"), r.out());
        JsonNode web = Json.MAPPER.readTree(run("show", "web", "--json").out());
        assertEquals("http://10.0.0.10:8080/health", web.get("healthcheck_url").asText());
        assertTrue(web.get("service_file").isNull());
        assertEquals(15, web.get("healthcheck_retries").asInt());
    }

    @Test
    void showOfAnUnknownServiceSuggestsOne() throws IOException {
        CliRun.Outcome r = run("show", "wbe");
        assertEquals(2, r.code());
        assertEquals("✗ no service 'wbe' in the registry\n  hint: did you mean `web`?\n", r.err());
    }

    @Test
    void addMachineAppendsAHostBlock() throws IOException {
        CliRun.Outcome r = run("add-machine", "big", "--ip", "10.0.0.12", "--ssh-user", "deploy", "--ssh-port", "2222",
                "--path", "/srv/p", "--arch", "arm64", "--roles", "docker,db");
        assertEquals(0, r.code(), r::toString);
        assertEquals("✓ " + file + ": added host 'big' (10.0.0.12)\n", r.out());
        assertEquals(TEXT.replace("    path: /opt/p\nservices:", "    path: /opt/p\n  big:\n    ip: 10.0.0.12\n    ssh_user: deploy\n"
                + "    ssh_port: 2222\n    path: /srv/p\n    arch: arm64\n    roles: [docker, db]\nservices:"), fileText());
    }

    @Test
    void addServiceAppendsAServiceBlock() throws IOException {
        CliRun.Outcome r = run("add-service", "api", "--host", "pi", "--type", "local", "--service-file", "api.yml", "--port", "7000",
                "--healthcheck-url", "http://{host}:7000/health", "--depends-on", "db", "--tags", "backend,internal");
        assertEquals(0, r.code(), r::toString);
        assertEquals("✓ " + file + ": added service 'api' on host 'pi' (local)\n", r.out());
        assertEquals(TEXT + "  api:\n    current_host: pi\n    deployment_type: local\n    service_file: api.yml\n    port: 7000\n"
                + "    healthcheck_url: http://{host}:7000/health\n    dependencies: [db]\n    tags: [backend, internal]\n", fileText());
    }

    @Test
    void addServiceRefusesWhatWouldNotValidate() throws IOException {
        CliRun.Outcome r = run("add-service", "api", "--host", "nuc", "--type", "docker");
        assertEquals(2, r.code());
        assertEquals("✗ --type docker needs --compose FILE\n  hint: e.g. --compose services/NAME/compose.yml\n", r.err());
        r = run("add-service", "api", "--host", "nuc", "--type", "docker", "--compose", "c.yml", "--port", "8080", "--depends-on", "dbb");
        assertEquals(2, r.code());
        assertEquals("✗ edit rejected, the registry would not validate (nothing was written):\n"
                + "  " + file + ":26:11: services.api.port: port 8080 on host nuc is already used by service 'web' (give one of them another port or another host)\n"
                + "  " + file + ":27:20: services.api.dependencies: unknown service 'dbb' (did you mean `db`?)\n"
                + "  hint: line numbers refer to the edited text; " + file + " is unchanged\n", r.err());
        assertEquals(TEXT, fileText());
        r = run("add-service", "api", "--host", "nux", "--type", "local", "--service-file", "s");
        assertEquals("✗ no host 'nux' in the registry\n  hint: did you mean `nuc`?\n", r.err());
    }

    @Test
    void updateSetsScalarsListsAndHealthchecks() throws IOException {
        CliRun.Outcome r = run("update", "web", "port=9090", "tags=a,b", "dependencies=[]", "healthcheck.tcp=9090", "healthcheck_url=");
        assertEquals(0, r.code(), r::toString);
        assertEquals("✓ " + file + ": updated service 'web': port=9090, tags=[a, b], dependencies=[], healthcheck={tcp: 9090},"
                + " healthcheck_url removed\n", r.out());
        assertEquals(TEXT.replace("    port: 8080\n    healthcheck_url: http://{host}:8080/health\n    dependencies: [db]\n",
                "    port: 9090\n    dependencies: []\n    tags: [a, b]\n    healthcheck: {tcp: 9090}\n"), fileText());
    }

    @Test
    void updateNamesBadKeysAndValues() throws IOException {
        CliRun.Outcome r = run("update", "web", "porrt=1");
        assertEquals(2, r.code());
        assertEquals("✗ unknown field 'porrt'\n  hint: did you mean `port`?\n", r.err());
        r = run("update", "web", "port=abc");
        assertEquals("✗ port: expected a whole number, got 'abc'\n", r.err());
        r = run("update", "web", "deployment_type=podman");
        assertEquals(2, r.code());
        assertTrue(r.err().contains(":12:22: services.web.deployment_type: expected one of docker, local, native, got 'podman'"), r.err());
        assertEquals(TEXT, fileText());
    }

    @Test
    void moveChangesOnlyCurrentHost() throws IOException {
        CliRun.Outcome r = run("move", "web", "pi");
        assertEquals(0, r.code(), r::toString);
        assertEquals("✓ " + file + ": moved service 'web' to host 'pi' (registry only, nothing was deployed)\n", r.out());
        assertEquals(TEXT.replace("current_host: nuc   # pinned", "current_host: pi   # pinned"), fileText());
        r = run("move", "web", "pi");
        assertEquals("✓ " + file + ": already so, nothing changed\n", r.out());
    }

    @Test
    void removeRefusesWhileOthersDependUnlessForced() throws IOException {
        CliRun.Outcome r = run("remove", "db");
        assertEquals(2, r.code());
        assertEquals("✗ service 'db' is a dependency of: web\n  hint: remove it from their dependencies first, or pass --force to do both\n", r.err());
        assertEquals(TEXT, fileText());
        r = run("remove", "db", "--force");
        assertEquals(0, r.code(), r::toString);
        assertEquals("✓ " + file + ": removed service 'db' and dropped it from the dependencies of web\n", r.out());
        assertEquals(TEXT.substring(0, TEXT.indexOf("  db:")).replace("    dependencies: [db]\n", ""), fileText());
    }

    @Test
    void dryRunPrintsTheChangedLinesAndWritesNothing() throws IOException {
        CliRun.Outcome r = run("move", "web", "pi", "--dry-run");
        assertEquals(0, r.code(), r::toString);
        assertEquals("@@ -11 +11 @@\n-     current_host: nuc   # pinned\n+     current_host: pi   # pinned\n"
                + "✓ " + file + ": moved service 'web' to host 'pi' (registry only, nothing was deployed) (dry run: nothing written)\n", r.out());
        assertEquals(TEXT, fileText());
    }

    @Test
    void dryRunShowsSeparateHunksForSeparateChanges() throws IOException {
        CliRun.Outcome r = run("update", "web", "port=8081", "tags=x", "--dry-run");
        assertEquals("@@ -14 +14 @@\n-     port: 8080\n+     port: 8081\n@@ -17 +17 @@\n+     tags: [x]\n"
                + "✓ " + file + ": updated service 'web': port=8081, tags=[x] (dry run: nothing written)\n", r.out());
    }

    @Test
    void everySubcommandHasADescriptionAndAnExample() throws IOException {
        for (String sub : List.of("validate", "list", "show", "add-machine", "add-service", "update", "move", "remove")) {
            CliRun.Outcome r = CliRun.run(new commands.Registry(), sub, "--help");
            assertEquals(0, r.code(), sub);
            assertTrue(r.out().contains("portoser registry " + sub), sub + " help has no example:\n" + r.out());
        }
    }
}

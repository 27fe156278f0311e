package deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import lib.deploy.DeployException;
import lib.deploy.ServiceFile;
import lib.deploy.ServiceFileLoader;
import lib.registry.HealthCheck;
import lib.registry.RegistryError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service file loader: every key, and every problem in the registry's exact `FILE:LINE:COL: field: message (hint)` form. */
class ServiceFileLoaderTest {
    static final Map<String, String> ENV = Map.of("PORT", "9000");

    static ServiceFile ok(String yaml) {
        ServiceFileLoader.Checked c = ServiceFileLoader.check("s.yml", yaml, ENV);
        assertTrue(c.ok(), () -> c.errors().toString());
        return c.file();
    }

    static List<String> problems(String yaml) {
        ServiceFileLoader.Checked c = ServiceFileLoader.check("s.yml", yaml, ENV);
        assertNull(c.file());
        return c.errors().stream().map(RegistryError::format).toList();
    }

    @Test
    void readsEveryKey() {
        ServiceFile f = ok("""
                start: ./server --port ${PORT}
                stop: ./server --stop
                restart: kill -HUP $(cat app.pid)
                working_dir: app
                env_file: app/.env
                env: {B: two, A: 1, EMPTY: }
                port: 9000
                healthcheck: {cmd: "curl -f localhost:9000"}
                """);
        assertEquals(new ServiceFile("./server --port 9000", "./server --stop", "kill -HUP $(cat app.pid)", "app", "app/.env",
                Map.of("B", "two", "A", "1", "EMPTY", ""), 9000, HealthCheck.cmd("curl -f localhost:9000")), f);
        assertEquals(List.of("B", "A", "EMPTY"), List.copyOf(f.env().keySet()), "env keeps file order");
    }

    @Test
    void onlyStartIsRequiredAndWorkingDirDefaultsToTheServiceFolder() {
        ServiceFile f = ok("start: sleep 100\nhealthcheck: {tcp: 22}\n");
        assertEquals(ServiceFile.of("sleep 100").start(), f.start());
        assertEquals(".", f.workingDir());
        assertEquals(Map.of(), f.env());
        assertEquals(HealthCheck.tcp(22), f.healthcheck());
        assertEquals("/srv/x", f.workingDirIn("/srv/x"));
        assertNull(f.envFileIn("/srv/x"));
    }

    @Test
    void pathsResolveAgainstTheSyncedServiceFolder() {
        ServiceFile f = ok("start: x\nworking_dir: ./app/\nenv_file: ./conf/.env\n");
        assertEquals("/srv/x/app", f.workingDirIn("/srv/x"));
        assertEquals("/srv/x/conf/.env", f.envFileIn("/srv/x"));
        assertEquals("/etc/app.env", ok("start: x\nenv_file: /etc/app.env\n").envFileIn("/srv/x"));
    }

    @Test
    void missingStartIsReportedAtTheTop() {
        assertEquals(List.of("s.yml:1:1: start: missing required field (the command that runs the service in the foreground,"
                + " e.g. `start: ./server --port 8080`)"), problems("port: 80\n"));
        assertEquals(List.of("s.yml:2:1: start: missing required field (the command that runs the service in the foreground,"
                + " e.g. `start: ./server --port 8080`)"), problems("port: 80\nstart:\n"));
    }

    @Test
    void unknownKeysGetADidYouMean() {
        assertEquals(List.of("s.yml:2:1: workng_dir: unknown key (did you mean `working_dir`?)",
                        "s.yml:3:1: helthcheck: unknown key (did you mean `healthcheck`?)",
                        "s.yml:4:1: zzz: unknown key (known keys: start, stop, restart, working_dir, env_file, env, port, healthcheck)"),
                problems("start: x\nworkng_dir: app\nhelthcheck: {tcp: 1}\nzzz: 1\n"));
    }

    @Test
    void wrongTypesAreReportedEachAtItsValue() {
        assertEquals(List.of("s.yml:1:8: start: expected a single value, got a list",
                        "s.yml:2:7: port: expected a whole number, got 'http'",
                        "s.yml:3:6: env: expected a mapping, got a list",
                        "s.yml:4:7: stop: expected a single value, got a mapping"),
                problems("start: [a, b]\nport: http\nenv: [A=1]\nstop: {a: 1}\n"));
        assertEquals(List.of("s.yml:2:7: port: must be between 1 and 65535, got 70000"), problems("start: x\nport: 70000\n"));
    }

    @Test
    void envNamesAndValuesAreChecked() {
        assertEquals(List.of("s.yml:3:3: env.1BAD: not a valid environment variable name (use letters, digits and _, not starting with a digit)",
                        "s.yml:4:7: env.OK: expected a single value, got a list"),
                problems("start: x\nenv:\n  1BAD: a\n  OK: [1]\n"));
    }

    @Test
    void pathsMustStayInTheServiceFolder() {
        assertEquals(List.of("s.yml:2:14: working_dir: must be relative to the service folder, got '/opt/app' (the service folder"
                        + " is synced to <host path>/<service>/; write e.g. `working_dir: app`)",
                        "s.yml:3:11: env_file: must stay inside the service folder, got 'a/../../x.env' (only the service folder is synced to the host)"),
                problems("start: x\nworking_dir: /opt/app\nenv_file: a/../../x.env\n"));
    }

    @Test
    void healthcheckHasTheRegistrysShape() {
        assertEquals(List.of("s.yml:2:14: healthcheck: give exactly one of tcp or cmd (e.g. `healthcheck: {tcp: 8080}`"
                + " or `healthcheck: {cmd: \"curl -f localhost:8080\"}`)"), problems("start: x\nhealthcheck: {tcp: 1, cmd: y}\n"));
        assertEquals(List.of("s.yml:2:15: healthcheck.tpc: unknown key (did you mean `tcp`?)",
                "s.yml:2:14: healthcheck: give exactly one of tcp or cmd (e.g. `healthcheck: {tcp: 8080}`"
                        + " or `healthcheck: {cmd: \"curl -f localhost:8080\"}`)").stream().sorted().toList(),
                problems("start: x\nhealthcheck: {tpc: 1}\n").stream().sorted().toList());
        assertEquals(List.of("s.yml:2:19: healthcheck.cmd: must not be empty"), problems("start: x\nhealthcheck: {cmd: }\n"));
    }

    @Test
    void emptyBlankAndMalformedFiles() {
        assertEquals(List.of("s.yml:1:1: the service file is empty (write at least `start: <command>`)"), problems("# nothing\n"));
        assertEquals(List.of("s.yml:1:8: start: must not be empty"), problems("start: '  '\n"));
        assertEquals(List.of("s.yml:1:1: expected a mapping, got a list"), problems("- start: x\n"));
        List<String> bad = problems("start: [x\n");
        assertEquals(1, bad.size());
        assertTrue(bad.get(0).startsWith("s.yml:2:1: malformed YAML: "), bad.get(0));
    }

    @Test
    void unsetVariablesAreProblemsAndDoubleDollarIsALiteral() {
        assertEquals(List.of("s.yml:1:8: start: environment variable NOPE is not set (export NOPE=… or write ${NOPE:-default})"),
                problems("start: run ${NOPE}\n"));
        assertEquals("echo $$ $HOME ${X}", ok("start: echo $$$$ $HOME $${X}\n").start(), "bare $VAR is left to the host's shell");
    }

    @Test
    void loadThrowsWithEveryProblemAndAMissingFileIsOneProblem(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("service.yml");
        assertEquals(List.of(f + ":1:1: service file not found (create it with at least `start: <command>`)"),
                ServiceFileLoader.check(f, ENV).errors().stream().map(RegistryError::format).toList());
        Files.writeString(f, "port: x\n");
        DeployException e = assertThrows(DeployException.class, () -> ServiceFileLoader.load(f, ENV));
        assertEquals("2 problems in the service file:\n  " + f + ":1:1: start: missing required field (the command that runs the"
                + " service in the foreground, e.g. `start: ./server --port 8080`)\n  " + f + ":1:7: port: expected a whole number, got 'x'",
                e.getMessage());
        Files.writeString(f, "start: ok\n");
        assertEquals("ok", ServiceFileLoader.load(f, ENV).start());
    }
}

package server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import commands.Audit;
import commands.Lock;
import commands.Registry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import lib.audit.AuditEntry;
import lib.audit.AuditLog;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.AuditAppender;
import server.support.Registries;
import server.support.WebFixture;
import support.CliRun;

/**
 * The audit log: real CLI commands (through picocli, as `portoser` runs them) and real API requests land in the
 * same $PORTOSER_HOME/audit.jsonl; `audit list` and GET /api/audit show them; reads, --help and --dry-run leave
 * no line; appends from threads and other JVMs never tear a line.
 */
class AuditTest {
    @TempDir
    Path tmp;
    Path home;
    Path registry;

    @BeforeEach
    void setUp() throws Exception {
        home = tmp.resolve("home");
        registry = Registries.minimal(tmp);
        System.setProperty("portoser.home", home.toString());
    }

    @AfterEach
    void restore() { System.clearProperty("portoser.home"); }

    List<AuditEntry> entries() throws Exception { return new AuditLog(home).recent(1000); }

    @Test
    void cliAndApiChangesBothLandInTheLog() throws Exception {
        CliRun.Outcome add = CliRun.run(new Registry(), "add-machine", "spare", "--ip", "10.9.9.9", "--path", "/srv", "--registry", registry.toString());
        assertEquals(0, add.code(), add.toString());
        try (WebFixture web = WebFixture.start(registry, home, false)) {
            WebFixture.Reply del = web.delete("/api/machines/spare", Scope.ADMIN);
            assertEquals(200, del.status(), del.body());
            WebFixture.Reply refused = web.delete("/api/machines/spare", Scope.READ);
            assertEquals(403, refused.status());

            List<AuditEntry> all = entries();
            AuditEntry cli = all.stream().filter(e -> e.via().equals("cli")).findFirst().orElseThrow(() -> new AssertionError(all.toString()));
            assertEquals("cli:" + System.getProperty("user.name"), cli.who());
            assertTrue(cli.what().startsWith("registry add-machine spare --ip 10.9.9.9"), cli.what());
            assertEquals("ok", cli.result());
            assertEquals(0, cli.status());
            AuditEntry api = all.stream().filter(e -> e.via().equals("api") && e.status() == 200).findFirst().orElseThrow(() -> new AssertionError(all.toString()));
            assertEquals("test-admin", api.who());
            assertEquals("DELETE /api/machines/spare", api.what());
            assertEquals("ok", api.result());
            AuditEntry no = all.stream().filter(e -> e.status() == 403).findFirst().orElseThrow(() -> new AssertionError(all.toString()));
            assertEquals("refused", no.result());
            assertTrue(no.detail().contains("needs admin"), no.detail());

            JsonNode fromApi = web.get("/api/audit?limit=10", Scope.ADMIN).json().get("entries");
            assertEquals(3, fromApi.size(), fromApi.toString());
            assertEquals("DELETE /api/machines/spare", fromApi.get(0).get("what").asText(), "newest first");
            assertEquals("cli", fromApi.get(2).get("via").asText());
            assertEquals(400, web.get("/api/audit?limit=0", Scope.ADMIN).status());
            assertEquals("limit", web.get("/api/audit?limit=x", Scope.ADMIN).json().get("field").asText());
        }

        CliRun.Outcome list = CliRun.run(new Audit(), "list");
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("registry add-machine spare"), list.out());
        assertTrue(list.out().contains("DELETE /api/machines/spare"), list.out());
        assertTrue(list.out().contains("test-admin"), list.out());
        CliRun.Outcome json = CliRun.run(new Audit(), "list", "--limit", "2", "--json-output");
        JsonNode entries = Json.MAPPER.readTree(json.out()).get("entries");
        assertEquals(2, entries.size(), json.out());
        assertEquals("api", entries.get(0).get("via").asText());
        assertEquals(2, CliRun.run(new Audit(), "list", "--limit", "0").code());
    }

    @Test
    void failuresAreRecordedWithTheirErrorAndReadsAreNot() throws Exception {
        assertEquals(0, CliRun.run(new Lock(), "status").code());
        assertEquals(0, CliRun.run(new Lock(), "acquire", "--help").code());
        assertTrue(entries().isEmpty(), "reads and --help leave no line: " + entries());

        CliRun.Outcome acquire = CliRun.run(new Lock(), "acquire", "-m", "maintenance");
        assertEquals(0, acquire.code(), acquire.toString());
        CliRun.Outcome again = CliRun.run(new Lock(), "acquire", "-m", "second");
        assertNotEquals(0, again.code(), again.toString());
        CliRun.Outcome missing = CliRun.run(new Registry(), "remove", "no-such-thing", "--registry", registry.toString());
        assertEquals(2, missing.code(), missing.toString());
        assertEquals(0, CliRun.run(new Lock(), "release").code());

        List<AuditEntry> all = entries();
        assertEquals(4, all.size(), all.toString());
        assertEquals("lock release", all.get(0).what());
        AuditEntry bad = all.get(1);
        assertTrue(bad.what().startsWith("registry remove no-such-thing"), bad.what());
        assertEquals("refused", bad.result());
        assertEquals(2, bad.status());
        assertTrue(bad.detail().contains("no-such-thing"), bad.detail());
        assertNotEquals("ok", all.get(2).result(), all.get(2).toString());
        assertEquals("lock acquire -m maintenance", all.get(3).what());
        assertEquals("ok", all.get(3).result());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(home.resolve("audit.jsonl"))));
    }

    @Test
    void everyCommandThatChangesSomethingIsMarkedAndNoReadIs() throws Exception {
        java.util.Set<String> audited = new java.util.TreeSet<>();
        // The root command lives in the default package: reached by name.
        walk(lib.cli.Cli.commandLine(Class.forName("portoser").getDeclaredConstructor().newInstance()), audited);
        assertEquals(new java.util.TreeSet<>(List.of("apply", "deploy", "history cleanup", "history rollback", "lock acquire", "lock release",
                "move", "refresh", "registry add-machine", "registry add-service", "registry move", "registry remove", "registry remove-machine",
                "registry update", "remote exec", "remote trust", "restart", "start", "stop", "web token create", "web token revoke")), audited);
    }

    static void walk(picocli.CommandLine cl, java.util.Set<String> audited) {
        if (cl.getCommand() instanceof lib.audit.Audited) audited.add(cl.getCommandSpec().qualifiedName().replaceFirst("^portoser ", ""));
        cl.getSubcommands().values().forEach(sub -> walk(sub, audited));
    }

    @Test
    void concurrentAppendsFromThreadsAndProcessesNeverTear() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<Process> procs = new ArrayList<>();
        for (int p = 0; p < 2; p++)
            procs.add(new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), AuditAppender.class.getName(),
                    home.toString(), "proc" + p, "150").inheritIO().start());
        AuditLog log = new AuditLog(home);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        for (int t = 0; t < 4; t++) {
            String who = "thread" + t;
            pool.submit(() -> { for (int i = 0; i < 100; i++) log.record(who, "POST /api/x " + i, 200, null); });
        }
        pool.shutdown();
        assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS));
        for (Process p : procs) assertEquals(0, p.waitFor());
        List<String> lines = Files.readAllLines(home.resolve("audit.jsonl"));
        assertEquals(700, lines.size());
        for (String l : lines) {
            AuditEntry e = Json.MAPPER.readValue(l, AuditEntry.class);
            assertNotNull(e.who(), l);
        }
        assertEquals(700, log.recent(10_000).size());
        assertEquals(5, log.recent(5).size());
    }

    @Test
    void recentSkipsATornLineAndReadsOnlyTheTail() throws Exception {
        AuditLog log = new AuditLog(home);
        for (int i = 0; i < 700; i++) log.recordCli("cli:me", "deploy web " + i + " " + "z".repeat(120), 0, null);
        Files.writeString(home.resolve("audit.jsonl"), "{\"ts\":\"2024", java.nio.file.StandardOpenOption.APPEND);
        List<AuditEntry> last = log.recent(3);
        assertEquals(3, last.size());
        assertTrue(last.get(0).what().startsWith("deploy web 699"), last.get(0).what());
        assertTrue(last.get(2).what().startsWith("deploy web 697"), last.get(2).what());
        assertEquals(Map.of("ok", 700L), log.recent(5000).stream().collect(java.util.stream.Collectors.groupingBy(AuditEntry::result, java.util.stream.Collectors.counting())));
    }
}

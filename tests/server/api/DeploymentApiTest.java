package server.api;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.deploy.history.HistoryStore;
import lib.deploy.lock.DeployLock;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import server.support.WebFixture.Reply;

/**
 * POST /api/deployment/* over real HTTP against a real server: real `local` services (busybox httpd) deployed,
 * stopped, started and restarted in the background, their progress read from /api/events, their history records
 * read from /api/history; the deploy lock really held; bad input refused with nothing run.
 */
class DeploymentApiTest {
    static final int WEB = 18661;
    static final Duration JOB = Duration.ofSeconds(90);

    @TempDir
    Path tmp;
    DeploymentCluster cluster;
    WebFixture web;

    @BeforeEach
    void setUp() throws Exception {
        cluster = new DeploymentCluster(tmp).local("web", "echo web-v1 > index.html; exec busybox httpd -f -p 127.0.0.1:" + WEB + " -h .",
                "port: " + WEB + ", healthcheck: {tcp: " + WEB + "}, healthcheck_interval: 200ms, healthcheck_retries: 25");
        web = WebFixture.start(cluster.write());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (web != null) web.close();
        cluster.killAll();
    }

    @Test
    void aDeployAnswers202AtOnceRunsInTheBackgroundStreamsItsProgressAndRecordsHistoryUnderTheSameId() throws Exception {
        try (DeploymentEvents events = new DeploymentEvents(web.url(), web.token(Scope.READ)).connected()) {
            Reply r = web.post("/api/deployment/deploy", Map.of("services", List.of("web")), Scope.DEPLOY);
            assertEquals(202, r.status(), r::toString);
            String id = r.json().get("deploy_id").asText();
            assertTrue(id.matches("deploy-\\d{8}-\\d{6}-[0-9a-f]{4}"), id);
            assertEquals("/api/deployment/jobs/" + id, r.json().get("job").asText());
            assertEquals("/api/events", r.json().get("events").asText());

            JsonNode job = DeploymentJobs.await(web, id, JOB);
            assertEquals("ok", job.get("state").asText(), job::toString);
            assertEquals("web-v1", DeploymentCluster.get(WEB, "/index.html"), "the service really serves");

            // The job's report is the `deploy --json-output` document, with the same id.
            JsonNode report = job.get("report");
            assertEquals(id, report.get("id").asText());
            assertEquals("ok", report.get("result").asText());
            assertEquals("preflight,sync,up,health", String.join(",", report.get("services").get(0).get("phases").findValuesAsText("name")));
            String output = job.get("output").toString();
            assertTrue(output.contains("[web@local]") && output.contains("1/1 deployed, 0 failed, 0 skipped"), "what the CLI prints: " + output);

            // Live: deploy started … log lines, phases with durations … deploy ok, all naming the deploy id.
            events.await(e -> e.type().equals("deploy") && id.equals(e.str("deploy_id")) && "ok".equals(e.str("state")), Duration.ofSeconds(10));
            List<DeploymentEvents.Ev> deploys = events.of("deploy", id);
            assertEquals(List.of("started", "ok"), deploys.stream().map(e -> e.str("state")).toList());
            assertEquals("deploy", deploys.get(0).str("kind"));
            assertEquals(List.of("preflight", "sync", "up", "health"), events.of("phase", id).stream().map(e -> e.str("phase")).toList());
            for (DeploymentEvents.Ev p : events.of("phase", id)) {
                assertEquals("web", p.str("service"));
                assertEquals("local", p.str("host"));
                assertTrue(p.data().get("ok").asBoolean() && p.data().get("duration_ms").isNumber(), p.data().toString());
            }
            assertTrue(events.of("log", id).stream().anyMatch(e -> "web".equals(e.str("service")) && e.str("line").contains("preflight ✓ sync ✓ up ✓ health ✓")),
                    "the phase line the CLI prints: " + events.of("log", id));
            assertEquals("deployed", events.of("service", id).get(0).str("result"));

            // The UI links the deploy to its history record.
            Reply h = web.get("/api/history/" + id, Scope.READ);
            assertEquals(200, h.status(), h::toString);
            assertEquals("success", h.json().get("result").asText());
            assertEquals("web:test-deploy", h.json().get("who").asText(), "the record names the token that started it");
            assertEquals("success", new HistoryStore(web.home()).get(id).result());
            assertFalse(Files.exists(DeployLock.file(web.home())), "the lock was released");
        }
    }

    @Test
    void stopStartAndRestartRunAsTheCliDoes() throws Exception {
        assertEquals("ok", DeploymentJobs.run(web, "/api/deployment/deploy", Map.of("services", List.of("web")), JOB).get("state").asText());
        String pid = Files.readString(cluster.pidFile("web")).strip();

        JsonNode stop = DeploymentJobs.run(web, "/api/deployment/stop", Map.of("services", List.of("web")), JOB);
        assertEquals("ok", stop.get("state").asText(), stop::toString);
        assertEquals("stop", stop.get("report").get("kind").asText());
        assertNull(DeploymentCluster.get(WEB, "/index.html"), "stopped");

        JsonNode start = DeploymentJobs.run(web, "/api/deployment/start", Map.of("all", true), JOB);
        assertEquals("ok", start.get("state").asText(), start::toString);
        assertEquals("web-v1", DeploymentCluster.get(WEB, "/index.html"));
        String started = Files.readString(cluster.pidFile("web")).strip();
        assertNotEquals(pid, started);

        JsonNode restart = DeploymentJobs.run(web, "/api/deployment/restart", Map.of("services", List.of("web")), JOB);
        assertEquals("ok", restart.get("state").asText(), restart::toString);
        assertEquals("restart", restart.get("report").get("kind").asText());
        assertNotEquals(started, Files.readString(cluster.pidFile("web")).strip(), "a new process");
        assertEquals("web-v1", DeploymentCluster.get(WEB, "/index.html"));

        Reply jobs = web.get("/api/deployment/jobs", Scope.READ);
        assertEquals(List.of("restart", "start", "stop", "deploy"), jobs.json().get("jobs").findValuesAsText("kind"), "newest first");
    }

    @Test
    void stoppingAServiceOthersRunningNeedIs409NamingThemUnlessForced() throws Exception {
        DeploymentCluster deps = new DeploymentCluster(Files.createDirectories(tmp.resolve("deps")))
                .local("db", "exec busybox httpd -f -p 127.0.0.1:18668 -h .", "port: 18668, healthcheck: {tcp: 18668}, healthcheck_interval: 200ms")
                .local("app", "exec busybox httpd -f -p 127.0.0.1:18669 -h .",
                        "port: 18669, healthcheck: {tcp: 18669}, healthcheck_interval: 200ms, dependencies: [db]");
        try (WebFixture w = WebFixture.start(deps.write())) {
            assertEquals("ok", DeploymentJobs.run(w, "/api/deployment/deploy", Map.of("all", true), JOB).get("state").asText());
            Reply refused = w.post("/api/deployment/stop", Map.of("services", List.of("db")), Scope.DEPLOY);
            assertEquals(409, refused.status(), refused::toString);
            assertTrue(refused.json().get("detail").asText().contains("running services depend on db: app"), refused.body());
            assertTrue(DeploymentCluster.listening(18668) && DeploymentCluster.listening(18669), "nothing stopped");

            JsonNode forced = DeploymentJobs.run(w, "/api/deployment/stop", Map.of("services", List.of("db"), "force", true), JOB);
            assertEquals("ok", forced.get("state").asText(), forced::toString);
            assertEquals(List.of("app", "db"), forced.get("report").get("services").findValuesAsText("service"), "dependents first");
            assertFalse(DeploymentCluster.listening(18668) || DeploymentCluster.listening(18669));
        } finally {
            deps.killAll();
        }
    }

    @Test
    void whileTheDeployLockIsHeldEveryMutationIs409NamingTheHolderAndNothingRuns() throws Exception {
        try (DeployLock held = DeployLock.acquire(web.home(), "migrating the database by hand", Duration.ZERO, m -> {})) {
            for (String path : List.of("/api/deployment/deploy", "/api/deployment/stop", "/api/deployment/restart")) {
                Reply r = web.post(path, Map.of("services", List.of("web")), Scope.DEPLOY);
                assertEquals(409, r.status(), r::toString);
                assertEquals("conflict", r.json().get("error").asText());
                assertTrue(r.json().get("detail").asText().contains("migrating the database by hand"), r.body());
                assertTrue(r.json().get("detail").asText().contains("pid " + ProcessHandle.current().pid()), r.body());
            }
            assertEquals(409, web.post("/api/deployment/apply", Map.of(), Scope.DEPLOY).status());
            assertEquals(0, web.get("/api/deployment/jobs", Scope.READ).json().get("jobs").size(), "no job started");
            assertFalse(Files.exists(cluster.pidFile("web")), "nothing ran");
        }
        assertEquals("ok", DeploymentJobs.run(web, "/api/deployment/deploy", Map.of("services", List.of("web")), JOB).get("state").asText(),
                "released: the next deploy runs");
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndNothingRuns() throws Exception {
        record Bad(String path, Object body, int status, String field, String says) {}
        List<Bad> cases = List.of(
                new Bad("/api/deployment/deploy", Map.of("services", List.of("wbe")), 400, "services", "did you mean `web`?"),
                new Bad("/api/deployment/deploy", Map.of("services", "web"), 400, "services", "must be an array"),
                new Bad("/api/deployment/deploy", Map.of(), 400, "services", "all: true"),
                new Bad("/api/deployment/deploy", Map.of("services", List.of("web"), "all", true), 400, "services", "one of them"),
                new Bad("/api/deployment/deploy", Map.of("services", List.of("web"), "yes", "sure"), 400, "yes", "true or false"),
                new Bad("/api/deployment/start", "[\"web\"]", 400, null, "JSON object"),
                new Bad("/api/deployment/restart", "{\"services\": [", 400, null, "not valid JSON"),
                new Bad("/api/deployment/move", Map.of("service", "nope", "to", "local"), 400, "service", "unknown service 'nope'"),
                new Bad("/api/deployment/move", Map.of("service", "web", "to", "mars"), 400, "to", "unknown host 'mars'"),
                new Bad("/api/deployment/move", Map.of("service", "web", "to", "local"), 400, "to", "already on local"),
                new Bad("/api/deployment/move", Map.of("service", "web"), 400, "to", "missing field 'to'"),
                new Bad("/api/deployment/move", Map.of("service", "web", "to", "local", "no_auto_heal", 1), 400, "no_auto_heal", "true or false"),
                new Bad("/api/deployment/apply", Map.of("dry_run", "yes"), 400, "dry_run", "true or false"),
                new Bad("/api/history/deploy-20200101-000000-abcd/rollback", Map.of(), 404, null, "no deploy 'deploy-20200101-000000-abcd'"));
        for (Bad b : cases) {
            Reply r = web.post(b.path(), b.body(), Scope.DEPLOY);
            assertEquals(b.status(), r.status(), b + " → " + r);
            if (b.field() != null) assertEquals(b.field(), r.json().get("field").asText(), r.body());
            assertTrue(r.json().get("detail").asText().contains(b.says()), b + " → " + r.body());
        }
        Reply readOnly = web.post("/api/deployment/deploy", Map.of("services", List.of("web")), Scope.READ);
        assertEquals(403, readOnly.status(), readOnly::toString);
        assertEquals(401, web.send("POST", "/api/deployment/deploy", null, "application/json", "{\"all\":true}".getBytes(), Map.of()).status());
        assertEquals(404, web.get("/api/deployment/jobs/deploy-20200101-000000-abcd", Scope.READ).status());

        assertEquals(0, web.get("/api/deployment/jobs", Scope.READ).json().get("jobs").size(), "no job started");
        assertTrue(new HistoryStore(web.home()).ids().isEmpty(), "no history record");
        assertFalse(Files.exists(cluster.pidFile("web")), "nothing ran");
        assertFalse(Files.exists(DeployLock.file(web.home())), "no lock left behind");
    }

    @Test
    void aDryRunApplyShowsTheDiffAndRunsNothingThenApplyDeploysWhatIsMissing() throws Exception {
        Reply dry = web.post("/api/deployment/apply", Map.of("dry_run", true), Scope.DEPLOY);
        assertEquals(200, dry.status(), dry::toString);
        assertEquals("web", dry.json().get("diff").get("missing").get(0).get("service").asText(), dry.body());
        assertFalse(Files.exists(cluster.pidFile("web")));

        Reply r = web.post("/api/deployment/apply", Map.of(), Scope.DEPLOY);
        assertEquals(202, r.status(), r::toString);
        String id = r.json().get("deploy_id").asText();
        JsonNode job = DeploymentJobs.await(web, id, JOB);
        assertEquals("ok", job.get("state").asText(), job::toString);
        assertEquals("apply", job.get("report").get("kind").asText());
        assertEquals(id, job.get("report").get("deploy_id").asText(), "the apply's record has the id the API answered with");
        assertEquals("apply", new HistoryStore(web.home()).get(id).kind());
        assertEquals("web-v1", DeploymentCluster.get(WEB, "/index.html"));
        assertTrue(Json.MAPPER.writeValueAsString(job.get("report").get("runs")).contains("\"action\":\"deploy\""));
    }
}

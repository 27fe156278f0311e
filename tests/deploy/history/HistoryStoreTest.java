package deploy.history;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.deploy.DeployOptions;
import lib.deploy.DeployReport;
import lib.deploy.PhaseResult;
import lib.deploy.Plan;
import lib.deploy.ServiceOutcome;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.history.HistoryStore;
import lib.deploy.state.StateRecorder;
import lib.deploy.state.StateStore;
import lib.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** History records: their shape at start and end, the watchdog on real dead processes, cleanup, lookup. */
class HistoryStoreTest {
    static final String ID = "deploy-20261123-150000-ab12";

    @TempDir
    Path home;

    static Plan plan() {
        return new Plan("web db", List.of(new Plan.Wave(1, List.of(new Plan.Step("db", "h2", "local", List.of()))),
                new Plan.Wave(2, List.of(new Plan.Step("web", "h1", "docker", List.of("db"))))), List.of());
    }

    static ServiceOutcome web(boolean ok) {
        List<PhaseResult> phases = List.of(PhaseResult.ok("preflight", 12, "ok"), PhaseResult.ok("sync", 30, "1 file sent"),
                ok ? PhaseResult.ok("up", 800, "up") : PhaseResult.failed("up", 800, "exit 1"));
        return new ServiceOutcome("web", "h1", ok ? ServiceOutcome.Result.DEPLOYED : ServiceOutcome.Result.FAILED, phases,
                Map.of("web-web-1", "sha256:aaa"), ok ? null : "compose up failed", null);
    }

    static ServiceOutcome db() {
        return new ServiceOutcome("db", "h2", ServiceOutcome.Result.DEPLOYED, List.of(PhaseResult.ok("health", 5, "tcp 5432")), null, null, null);
    }

    @Test
    void recordIsWrittenRunningAtStartThenEndedWithPhasesImagesAndResult() throws Exception {
        HistoryStore store = new HistoryStore(home);
        HistoryRecorder r = HistoryRecorder.forRun(store, "deploy", "/x/registry.yml", "services: {}\n");
        r.beforeDeploy(ID, plan());
        JsonNode atStart = json(store.file(ID));
        assertEquals("running", atStart.get("result").asText());
        assertEquals(ProcessHandle.current().pid(), atStart.get("pid").asLong());
        assertEquals(List.of("db", "web"), strings(atStart.get("services")));
        assertEquals(List.of("h2", "h1"), strings(atStart.get("hosts")));
        assertEquals("services: {}\n", atStart.get("registry_snapshot").asText());
        r.afterService(db());
        r.afterService(web(false));
        r.afterDeploy(new DeployReport(ID, "deploy", List.of(db(), web(false)), 900));
        JsonNode end = json(store.file(ID));
        assertEquals("failed", end.get("result").asText());
        assertEquals("1 failed, 0 skipped: web (compose up failed)", end.get("error").asText());
        assertTrue(end.get("duration_ms").asLong() >= 0 && end.hasNonNull("finished_at"));
        JsonNode webEntry = end.get("outcomes").get(1);
        assertEquals("deploy", webEntry.get("action").asText());
        assertEquals("failed", webEntry.get("result").asText());
        assertEquals(800, webEntry.get("phases").get(2).get("duration_ms").asLong());
        assertEquals("sha256:aaa", webEntry.get("images").get("web-web-1").asText());
        for (String key : List.of("id", "kind", "who", "control_host", "started_at", "registry_file")) assertTrue(end.hasNonNull(key), key);
    }

    @Test
    void recordsRoundTripThroughTheStore() {
        HistoryStore store = new HistoryStore(home);
        HistoryRecorder r = HistoryRecorder.forRun(store, "deploy", "registry.yml", "a: 1\n");
        r.beforeDeploy(ID, plan());
        r.afterService(web(true));
        r.afterDeploy(new DeployReport(ID, "deploy", List.of(web(true)), 10));
        DeploymentRecord back = store.get(ID);
        assertEquals(DeploymentRecord.SUCCESS, back.result());
        assertNull(back.error());
        assertEquals(Map.of("web", Map.of("web-web-1", "sha256:aaa")), back.images());
        assertEquals(Map.of("web", "h1"), back.placements());
        assertEquals(web(true).phases(), back.outcomes().get(0).phases());
    }

    @Test
    void stateFollowsTheSameRunAndNamesTheRecord() {
        HistoryRecorder h = HistoryRecorder.forRun(new HistoryStore(home), "deploy", "r.yml", "");
        StateStore states = new StateStore(home);
        var hooks = h.andThen(new StateRecorder(states, DeployOptions.Action.DEPLOY, h::id));
        hooks.beforeDeploy(ID, plan());
        hooks.afterService(web(true));
        hooks.afterService(db());
        assertEquals("h2", states.load().get("db").orElseThrow().host());
        var web = states.load().get("web").orElseThrow();
        assertEquals("h1", web.host());
        assertEquals(ID, web.deployId());
        assertEquals(Map.of("web-web-1", "sha256:aaa"), web.images());
        new StateRecorder(states, DeployOptions.Action.STOP, null).afterService(
                new ServiceOutcome("web", "h9", ServiceOutcome.Result.DEPLOYED, List.of(), null, null, null));
        assertEquals("h1", states.load().get("web").orElseThrow().host(), "stopping a copy elsewhere keeps the placement");
        new StateRecorder(states, DeployOptions.Action.STOP, null).afterService(
                new ServiceOutcome("web", "h1", ServiceOutcome.Result.DEPLOYED, List.of(), null, null, null));
        assertTrue(states.load().get("web").isEmpty(), "stopped where it ran: gone from the state");
    }

    /** The watchdog rule, on a real process killed with SIGKILL: its record is marked abandoned by the next reader. */
    @Test
    void recordOfAKilledProcessIsMarkedAbandonedOnNextRead() throws Exception {
        Process p = recording(ID);
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        assertEquals("running", json(new HistoryStore(home).file(ID)).get("result").asText(), "SIGKILL runs no hook");
        DeploymentRecord r = new HistoryStore(home).list().get(0);
        assertEquals(DeploymentRecord.ABANDONED, r.result());
        assertEquals("process " + p.pid() + " on " + r.controlHost() + " ended without finishing this record (killed?)", r.error());
        assertEquals("abandoned", json(new HistoryStore(home).file(ID)).get("result").asText(), "written back");
    }

    @Test
    void recordOfATerminatedProcessIsMarkedInterrupted() throws Exception {
        Process p = recording(ID);
        p.destroy();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        DeploymentRecord r = new HistoryStore(home).get(ID);
        assertEquals(DeploymentRecord.INTERRUPTED, r.result());
        assertEquals("portoser was stopped before the run ended", r.error());
    }

    @Test
    void liveRecordIsLeftRunning() throws Exception {
        Process p = recording(ID);
        try {
            assertEquals(DeploymentRecord.RUNNING, new HistoryStore(home).get(ID).result());
            assertEquals(List.of(), new HistoryStore(home).cleanup(0), "a running record is never deleted");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void cleanupKeepsTheNewest() {
        HistoryStore store = new HistoryStore(home);
        for (String id : List.of("deploy-20261101-000000-0001", "deploy-20261102-000000-0002", "deploy-20261103-000000-0003")) {
            HistoryRecorder r = HistoryRecorder.forRun(store, "deploy", "r.yml", "");
            r.beforeDeploy(id, plan());
            r.afterDeploy(new DeployReport(id, "deploy", List.of(), 1));
        }
        assertEquals(List.of("deploy-20261102-000000-0002", "deploy-20261101-000000-0001"), store.cleanup(1));
        assertEquals(List.of("deploy-20261103-000000-0003"), store.ids());
    }

    @Test
    void unknownIdNamesTheClosestAndAUniquePrefixFindsOne() {
        HistoryStore store = new HistoryStore(home);
        HistoryRecorder r = HistoryRecorder.forRun(store, "deploy", "r.yml", "");
        r.beforeDeploy(ID, plan());
        r.afterDeploy(new DeployReport(ID, "deploy", List.of(), 1));
        assertEquals(ID, store.get("deploy-20261123-15").id());
        PortoserException e = assertThrows(PortoserException.class, () -> store.get("deploy-20261123-150000-ab13"));
        assertEquals(ExitCode.BAD_INPUT, e.exitCode());
        assertTrue(e.hint().contains(ID), e.hint());
    }

    private Process recording(String id) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                RecordingProcess.class.getName(), home.toString(), id).redirectErrorStream(true).start();
        String line = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
        assertEquals("started " + id, line);
        return p;
    }

    private static JsonNode json(Path f) throws IOException { return Json.MAPPER.readTree(Files.readString(f)); }

    private static List<String> strings(JsonNode array) {
        List<String> out = new java.util.ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void listIsNewestFirstByStartTimeEvenWithinOneSecond() throws Exception {
        HistoryStore store = new HistoryStore(home);
        // Same second: the later run has the smaller random suffix, so id order would put it last.
        for (String[] r : new String[][] {{"deploy-20261123-150000-ffff", "2026-11-23T15:00:00.100Z"}, {"deploy-20261123-150000-0001", "2026-11-23T15:00:00.900Z"}}) {
            store.write(new DeploymentRecord(r[0], "deploy", "me", "here", 1, null, r[1], r[1], 0L, "success", null, List.of(), List.of(),
                    "registry.yml", "", List.of(), null));
        }
        assertEquals(List.of("deploy-20261123-150000-0001", "deploy-20261123-150000-ffff"), store.list().stream().map(DeploymentRecord::id).toList());
    }
}

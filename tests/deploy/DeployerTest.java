package deploy;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import lib.deploy.DeployHooks;
import lib.deploy.DeployOptions;
import lib.deploy.DeployReport;
import lib.deploy.Deployer;
import lib.deploy.Plan;
import lib.deploy.Planner;
import lib.deploy.PreflightException;
import lib.deploy.ServiceOutcome;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The deployer on this machine with real processes (shell scripts, PID files, logs). */
class DeployerTest {
    @TempDir
    Path tmp;
    LocalCluster cluster;
    Executor executor;
    final List<String> events = new CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        cluster = LocalCluster.in(tmp).host("local", "127.0.0.1", null);
        executor = new Executor(ExecOptions.defaults());
    }

    @AfterEach
    void tearDown() throws Exception {
        cluster.killAll();
        executor.close();
    }

    DeployOptions options() {
        DeployHooks recorder = new DeployHooks() {
            @Override public void beforeDeploy(String id, Plan plan) { events.add("before " + id); }
            @Override public void afterService(ServiceOutcome o) { events.add(o.service() + " " + o.result()); }
            @Override public void afterDeploy(DeployReport r) { events.add("after " + r.id()); }
        };
        return DeployOptions.of(executor).withRunners(t -> new ShellRunner()).withSettle(Duration.ofMillis(300)).withHooks(recorder);
    }

    static Map<String, ServiceOutcome> byName(DeployReport r) {
        return r.services().stream().collect(Collectors.toMap(ServiceOutcome::service, o -> o));
    }

    @Test
    void dependencyWavesStartInOrderEachAfterItsDependenciesAreHealthy() throws Exception {
        Registry reg = cluster.service("db", "local", "sleep 1; touch ready; exec sleep 600",
                        "healthcheck: {cmd: 'test -f ready'}, healthcheck_interval: 200ms, healthcheck_retries: 30")
                .service("cache", "local", "exec sleep 600", null)
                .service("api", "local", "exec sleep 600", "dependencies: [db, cache]")
                .service("web", "local", "exec sleep 600", "dependencies: [api]").write();
        DeployReport r = Deployer.run(reg, Planner.plan(reg, Planner.Request.everything()), options());
        assertTrue(r.ok(), r::toString);
        assertTrue(r.id().matches("deploy-\\d{8}-\\d{6}-[0-9a-f]{4}"), r.id());
        long db = cluster.started("local", "db"), cache = cluster.started("local", "cache"), api = cluster.started("local", "api");
        assertTrue(Math.abs(db - cache) < 800_000_000L, "db and cache start together in wave 1");
        assertTrue(api - db >= 1_000_000_000L, "api starts only after db became healthy (ready after 1 s)");
        assertTrue(byName(r).get("db").phases().get(3).durationMs() >= 900, "the health phase is timed: " + byName(r).get("db"));
        assertTrue(cluster.started("local", "web") > api);
        assertEquals(List.of("sync", "up", "health"), byName(r).get("web").phases().stream().skip(1).map(p -> p.name()).toList());
        assertEquals("before " + r.id(), events.get(0));
        assertEquals("after " + r.id(), events.get(events.size() - 1));
        assertEquals(6, events.size(), events::toString);
    }

    @Test
    void aFailureSkipsItsDependentsAndSparesIndependentServices() throws Exception {
        Registry reg = cluster.service("bad", "local", "echo 'bad: config missing' >&2; exit 3", null)
                .service("child", "local", "exec sleep 600", "dependencies: [bad]")
                .service("grandchild", "local", "exec sleep 600", "dependencies: [child]")
                .service("solo", "local", "exec sleep 600", null).write();
        DeployReport r = Deployer.run(reg, Planner.plan(reg, Planner.Request.everything()), options());
        Map<String, ServiceOutcome> o = byName(r);
        assertFalse(r.ok());
        assertEquals(ServiceOutcome.Result.DEPLOYED, o.get("solo").result());
        assertEquals(ServiceOutcome.Result.FAILED, o.get("bad").result());
        assertTrue(o.get("bad").logTail().contains("bad: config missing"), o.get("bad").toString());
        assertEquals("dependency bad failed", o.get("child").error());
        assertEquals("dependency child was skipped", o.get("grandchild").error());
        assertFalse(Files.exists(cluster.remoteDir("local", "child")), "a skipped service is not even synced");
        assertEquals(1, r.count(ServiceOutcome.Result.FAILED));
        assertEquals(2, r.count(ServiceOutcome.Result.SKIPPED));
    }

    @Test
    void aFailingHealthCheckFailsWithTheLastFiftyLogLines() throws Exception {
        Registry reg = cluster.service("sick", "local", "i=0; while [ $i -lt 80 ]; do echo line$i; i=$((i+1)); done; exec sleep 600",
                "healthcheck: {cmd: 'exit 7'}, healthcheck_interval: 100ms, healthcheck_retries: 3").write();
        ServiceOutcome o = Deployer.run(reg, Planner.plan(reg, Planner.Request.of("sick")), options()).services().get(0);
        assertEquals(ServiceOutcome.Result.FAILED, o.result());
        assertTrue(o.error().contains("not healthy after 3 checks"), o.error());
        assertTrue(o.error().contains("exit 7"), o.error());
        List<String> tail = o.logTail().lines().toList();
        assertEquals(50, tail.size(), o.logTail());
        assertEquals("line79", tail.get(49));
        assertEquals("health", o.phases().get(o.phases().size() - 1).name());
    }

    @Test
    void preflightProblemsStopTheRunBeforeAnythingChanges() throws Exception {
        Registry reg = cluster.service("ok", "local", "exec sleep 600", null)
                .service("broken", "local", "exec sleep 600", null).write();
        Files.delete(cluster.svcRoot.resolve("broken/run.sh"));
        PreflightException e = assertThrows(PreflightException.class,
                () -> Deployer.run(reg, Planner.plan(reg, Planner.Request.everything()), options()));
        assertEquals(1, e.problems().size());
        assertEquals("broken", e.problems().get(0).service());
        assertEquals("create it or fix service_file", e.problems().get(0).hint());
        assertFalse(Files.exists(cluster.remoteDir("local", "ok")), "nothing synced");
        assertFalse(Files.exists(cluster.pidFile("local", "ok")), "nothing started");
        assertEquals(List.of(), events, "no hook runs when nothing changed");
    }

    @Test
    void aDependencyOutsideThePlanMustAlreadyBeHealthy() throws Exception {
        Registry reg = cluster.service("db", "local", "exec sleep 600", null)
                .service("api", "local", "exec sleep 600", "dependencies: [db]").write();
        PreflightException e = assertThrows(PreflightException.class,
                () -> Deployer.run(reg, Planner.plan(reg, Planner.Request.of("api")), options()));
        assertEquals("dependency", e.problems().get(0).check());
        assertTrue(e.problems().get(0).message().contains("not running"), e.problems().toString());
        assertEquals("deploy it in the same run: portoser deploy db api", e.problems().get(0).hint());
        assertTrue(Deployer.run(reg, Planner.plan(reg, Planner.Request.of("db")), options()).ok());
        assertTrue(Deployer.run(reg, Planner.plan(reg, Planner.Request.of("api")), options()).ok(), "db now runs");
    }

    @Test
    void stopRunsBackwardsAndRestartComesBackHealthy() throws Exception {
        Registry reg = cluster.service("db", "local", "exec sleep 600", null)
                .service("api", "local", "exec sleep 600", "dependencies: [db]").write();
        Plan plan = Planner.plan(reg, Planner.Request.everything());
        assertTrue(Deployer.run(reg, plan, options()).ok());
        long firstStart = cluster.started("local", "api");
        DeployReport restart = Deployer.run(reg, plan, options().withAction(DeployOptions.Action.RESTART).withKind("restart"));
        assertTrue(restart.ok(), restart::toString);
        assertTrue(cluster.started("local", "api") > firstStart);
        events.clear();
        DeployReport stop = Deployer.run(reg, plan, options().withAction(DeployOptions.Action.STOP).withKind("stop"));
        assertTrue(stop.ok(), stop::toString);
        assertEquals(List.of("api", "db"), stop.services().stream().map(ServiceOutcome::service).toList(), "dependents first");
        assertEquals("api DEPLOYED", events.get(1));
        assertFalse(Files.exists(cluster.pidFile("local", "db")));
    }
}

package lib.deploy.history;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import lib.deploy.DeployHooks;
import lib.deploy.DeployOptions;
import lib.deploy.DeployReport;
import lib.deploy.Plan;
import lib.deploy.ServiceDirs;
import lib.deploy.ServiceOutcome;
import lib.deploy.lock.ProcessId;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * The deployer's hooks that keep the history record: written `running` when the first change is about to
 * happen, rewritten after each service (so a killed run leaves its progress), and ended with success or failed.
 * An operation made of several runs (apply, move, rollback) shares one recorder and one record: it calls
 * {@link #finish} itself. A JVM exit before the end (Ctrl-C, TERM) writes `interrupted`; so does a server that
 * stops with the run still going ({@link #interrupt}).
 */
public final class HistoryRecorder implements DeployHooks {
    /** Records this JVM is writing now, by id: a stopping server ends the ones its grace period did not see finish. */
    private static final Map<String, HistoryRecorder> RUNNING = new java.util.concurrent.ConcurrentHashMap<>();

    private final HistoryStore store;
    private final String kind;
    private final String registryFile;
    private final String snapshot;
    private final boolean finishAfterRun;
    private final String rollbackOf;
    private DeploymentRecord record;
    private DeployOptions.Action action = DeployOptions.Action.DEPLOY;
    private Registry source;
    private String who = System.getProperty("user.name");
    private final Map<String, Map<String, String>> pendingFiles = new HashMap<>();
    private long startNanos;
    private Thread onExit;

    private HistoryRecorder(HistoryStore store, String kind, String registryFile, String snapshot, boolean finishAfterRun, String rollbackOf) {
        this.store = store;
        this.kind = kind;
        this.registryFile = registryFile;
        this.snapshot = snapshot;
        this.finishAfterRun = finishAfterRun;
        this.rollbackOf = rollbackOf;
    }

    /** For one Deployer.run (deploy, start, stop, restart): the record ends with the run. */
    public static HistoryRecorder forRun(HistoryStore store, String kind, String registryFile, String registryText) {
        return new HistoryRecorder(store, kind, registryFile, registryText, true, null);
    }

    /** For an operation of several runs; the caller ends it with {@link #finish}. */
    public static HistoryRecorder forOperation(HistoryStore store, String kind, String registryFile, String registryText, String rollbackOf) {
        return new HistoryRecorder(store, kind, registryFile, registryText, false, rollbackOf);
    }

    /** What the next run's services do (recorded per service: deploy, start, restart, stop). */
    public synchronized HistoryRecorder action(DeployOptions.Action a) {
        this.action = a;
        return this;
    }

    /** Who the record names as having run it (default: the OS user). */
    public synchronized HistoryRecorder by(String who) {
        if (who != null) this.who = who;
        return this;
    }

    /**
     * The registry the next run deploys from (for an operation: the view it passes to Deployer.run, which may
     * point at a rollback's temporary folder). Its services' definition files are read when the run starts.
     */
    public synchronized HistoryRecorder filesFrom(Registry r) {
        this.source = r;
        return this;
    }

    /** The record's id, or null before anything ran. */
    public synchronized String id() { return record == null ? null : record.id(); }

    public synchronized DeploymentRecord record() { return record; }

    @Override
    public synchronized void beforeDeploy(String deployId, Plan plan) {
        List<String> services = plan.serviceNames();
        List<String> hosts = plan.steps().stream().map(Plan.Step::host).distinct().toList();
        if (record == null) start(deployId);
        captureFiles(services);
        record = record.withTargets(services, hosts);
        store.write(record);
    }

    @Override
    public synchronized void afterService(ServiceOutcome o) {
        if (record == null) return;
        record = record.withOutcome(new DeploymentRecord.ServiceEntry(o.service(), o.host(), action.name().toLowerCase(Locale.ROOT),
                o.result().name().toLowerCase(Locale.ROOT), o.phases(), o.images(), o.error(), pendingFiles.remove(o.service())));
        store.write(record);
    }

    @Override
    public synchronized void afterDeploy(DeployReport report) {
        if (finishAfterRun) finish(report.ok(), report.ok() ? null : summary(report));
    }

    /** Ends the record: success or failed with the reason. Nothing happens when no run started it. */
    public synchronized void finish(boolean ok, String error) {
        end(ok ? DeploymentRecord.SUCCESS : DeploymentRecord.FAILED, error);
    }

    /**
     * Ends the running record {@code id} of this JVM as interrupted with {@code why} (its run may still be going: what
     * it writes afterwards keeps the result). False when no such record is being written here.
     */
    public static boolean interrupt(String id, String why) {
        HistoryRecorder r = id == null ? null : RUNNING.get(id);
        if (r == null) return false;
        r.end(DeploymentRecord.INTERRUPTED, why);
        return true;
    }

    /** Read before anything is synced, so the record holds what this run sends. Only a deploy sends files. */
    private void captureFiles(List<String> services) {
        pendingFiles.clear();
        if (source == null || action != DeployOptions.Action.DEPLOY) return;
        for (String name : services) {
            Service s = source.services().get(name);
            if (s != null) pendingFiles.put(name, ServiceFiles.capture(ServiceDirs.localFile(source, s)));
        }
    }

    private void start(String id) {
        ProcessId me = ProcessId.current();
        startNanos = System.nanoTime();
        record = new DeploymentRecord(id, kind, who, me.host(), me.pid(), me.started(),
                Instant.now().toString(), null, null, DeploymentRecord.RUNNING, null, List.of(), List.of(), registryFile,
                snapshot, List.of(), rollbackOf);
        onExit = new Thread(() -> {
            lib.deploy.ExitGrace.await(); // a server stopping gracefully may still see this run finish
            end(DeploymentRecord.INTERRUPTED, "portoser was stopped before the run ended");
        }, "history-interrupted");
        Runtime.getRuntime().addShutdownHook(onExit);
        RUNNING.put(id, this);
    }

    private synchronized void end(String result, String error) {
        if (record == null || !record.running()) return;
        record = record.ended(result, error, Instant.now().toString(), (System.nanoTime() - startNanos) / 1_000_000);
        store.write(record);
        RUNNING.remove(record.id(), this);
        removeExitHook();
    }

    private void removeExitHook() {
        try {
            if (onExit != null && Thread.currentThread() != onExit) Runtime.getRuntime().removeShutdownHook(onExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs now; end() already wrote the record, so it will find nothing to do
        }
    }

    static String summary(DeployReport r) {
        return r.count(ServiceOutcome.Result.FAILED) + " failed, " + r.count(ServiceOutcome.Result.SKIPPED) + " skipped: "
                + String.join(", ", r.services().stream().filter(s -> s.result() != ServiceOutcome.Result.DEPLOYED)
                .map(s -> s.service() + (s.error() == null ? "" : " (" + s.error() + ")")).toList());
    }
}

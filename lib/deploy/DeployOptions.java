package lib.deploy;

import java.time.Duration;
import java.util.function.Function;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.DeploymentType;

/**
 * How {@link Deployer#run} runs a plan. {@code action} picks the per-service steps (deploy = sync, up, health;
 * start/restart = start/restart, health; stop = stop, in reverse dependency order). {@code runners} maps a
 * deployment type to its runner (tests may pass a real runner of their own). {@code settle} is how long a
 * service without a health check must stay running before it counts as healthy. {@code healing} turns on the
 * self-healing loop ({@link Healing}); off unless the caller asks (the `deploy` command does). {@code deployId} is
 * the run's id when the caller must know it before the run starts (the web API answers with it at once); null:
 * a new one per run. {@code who} is who the history record names (the OS user for the CLI, the token's name for
 * the web API).
 */
public record DeployOptions(Executor executor, int parallel, DeployListener listener, DeployHooks hooks, String kind,
                            Action action, Function<DeploymentType, Runner> runners, Duration settle,
                            Healing.Settings healing, String deployId, String who) {
    public enum Action { DEPLOY, START, RESTART, STOP }

    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(1);

    public DeployOptions {
        if (parallel < 1) throw new IllegalArgumentException("parallel must be at least 1");
        healing = healing == null ? Healing.Settings.OFF : healing;
        who = who == null ? System.getProperty("user.name") : who;
    }

    /** Deploy with the default runners, 16 at a time, no listener, no hooks. */
    public static DeployOptions of(Executor executor) {
        return new DeployOptions(executor, ExecOptions.DEFAULT_PARALLELISM, DeployListener.NONE, DeployHooks.NONE, "deploy",
                Action.DEPLOY, Runners::forType, DEFAULT_SETTLE, Healing.Settings.OFF, null, null);
    }

    public DeployOptions withParallel(int n) { return new DeployOptions(executor, n, listener, hooks, kind, action, runners, settle, healing, deployId, who); }

    public DeployOptions withListener(DeployListener l) { return new DeployOptions(executor, parallel, l, hooks, kind, action, runners, settle, healing, deployId, who); }

    public DeployOptions withHooks(DeployHooks h) { return new DeployOptions(executor, parallel, listener, h, kind, action, runners, settle, healing, deployId, who); }

    /** The report's kind: deploy, apply, move, rollback, start, stop, restart. */
    public DeployOptions withKind(String k) { return new DeployOptions(executor, parallel, listener, hooks, k, action, runners, settle, healing, deployId, who); }

    public DeployOptions withAction(Action a) { return new DeployOptions(executor, parallel, listener, hooks, kind, a, runners, settle, healing, deployId, who); }

    public DeployOptions withRunners(Function<DeploymentType, Runner> r) { return new DeployOptions(executor, parallel, listener, hooks, kind, action, r, settle, healing, deployId, who); }

    /** The self-healing loop: {@link Healing.Settings#OFF} (the default for library callers), diagnose-only or heal. */
    public DeployOptions withHealing(Healing.Settings h) { return new DeployOptions(executor, parallel, listener, hooks, kind, action, runners, settle, h, deployId, who); }

    /** The run's id, decided by the caller (null: {@link DeployIds#next()} when the run starts). */
    public DeployOptions withDeployId(String id) { return new DeployOptions(executor, parallel, listener, hooks, kind, action, runners, settle, healing, id, who); }

    public DeployOptions withSettle(Duration d) { return new DeployOptions(executor, parallel, listener, hooks, kind, action, runners, d, healing, deployId, who); }

    /** Who the history record names as having run this. */
    public DeployOptions withWho(String w) { return new DeployOptions(executor, parallel, listener, hooks, kind, action, runners, settle, healing, deployId, w); }
}

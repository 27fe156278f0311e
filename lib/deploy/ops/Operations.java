package lib.deploy.ops;

import java.time.Duration;
import java.util.function.Supplier;
import lib.cli.Console;
import lib.deploy.DeployOptions;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.history.HistoryStore;
import lib.deploy.lock.DeployLock;
import lib.deploy.state.StateStore;
import lib.exec.Executor;
import lib.registry.Registry;

/** The set-up every state-changing command shares: one history record, the state store, and the deploy lock. */
public final class Operations {
    private Operations() {}

    /** An operation context printing progress to stdout, recording one `kind` record from {@code snapshot}. */
    public static OpContext context(String kind, Registry registry, String snapshot, String rollbackOf, Executor executor, Console c) {
        return context(kind, registry, snapshot, rollbackOf, DeployOptions.of(executor), lib.exec.ExecOptions.defaults().portoserHome(), c);
    }

    /** As above, with the self-healing loop of the command's --no-auto-heal / --yes (apply, move, rollback: like deploy). */
    public static OpContext context(String kind, Registry registry, String snapshot, String rollbackOf, Executor executor,
                                    lib.deploy.Healing.Settings healing, Console c) {
        return context(kind, registry, snapshot, rollbackOf, DeployOptions.of(executor).withHealing(healing),
                lib.exec.ExecOptions.defaults().portoserHome(), c);
    }

    /**
     * The same from {@code base} (its listener hears every run; its deploy id, if set, becomes the record's id),
     * recording history and state under {@code home}: how the web API runs an operation.
     */
    public static OpContext context(String kind, Registry registry, String snapshot, String rollbackOf, DeployOptions base,
                                    java.nio.file.Path home, Console c) {
        HistoryRecorder h = HistoryRecorder.forOperation(new HistoryStore(home), kind, registry.file().toString(), snapshot, rollbackOf)
                .by(base.who());
        return new OpContext(base.withKind(kind), h, new StateStore(home), c, c.out());
    }

    /** Runs {@code body} holding the deploy lock ($PORTOSER_HOME/locks/deploy), waiting up to {@code wait} for it. */
    public static <T> T locked(String why, Duration wait, Console c, Supplier<T> body) {
        try (DeployLock ignored = DeployLock.acquire(lib.exec.ExecOptions.defaults().portoserHome(), why, wait, c::warn)) {
            return body.get();
        }
    }
}

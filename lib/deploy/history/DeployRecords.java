package lib.deploy.history;

import lib.deploy.DeployHooks;
import lib.deploy.DeployOptions;
import lib.deploy.state.StateRecorder;
import lib.deploy.state.StateStore;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * The hooks every single-run command passes to Deployer.run: a history record (under $PORTOSER_HOME/deployments)
 * and state.yml updates. Usage: {@code options.withHooks(DeployRecords.hooks(registry, "deploy", Action.DEPLOY))}.
 */
public final class DeployRecords {
    private DeployRecords() {}

    public static DeployHooks hooks(Registry registry, String kind, DeployOptions.Action action) {
        return hooks(registry, kind, action, lib.exec.ExecOptions.defaults().portoserHome());
    }

    /** The same, recording under {@code portoserHome} (a server's home, which need not be the environment's). */
    public static DeployHooks hooks(Registry registry, String kind, DeployOptions.Action action, java.nio.file.Path portoserHome) {
        return hooks(registry, kind, action, portoserHome, null);
    }

    /** The same, naming {@code who} (null: the OS user) in the record. */
    public static DeployHooks hooks(Registry registry, String kind, DeployOptions.Action action, java.nio.file.Path portoserHome, String who) {
        HistoryRecorder history = HistoryRecorder.forRun(new HistoryStore(portoserHome), kind, registry.file().toString(),
                RegistryLoader.read(registry.file())).action(action).filesFrom(registry).by(who);
        return history.andThen(new StateRecorder(new StateStore(portoserHome), action, history::id));
    }
}

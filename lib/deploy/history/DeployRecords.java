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
        HistoryRecorder history = HistoryRecorder.forRun(HistoryStore.standard(), kind, registry.file().toString(),
                RegistryLoader.read(registry.file())).action(action).filesFrom(registry);
        return history.andThen(new StateRecorder(StateStore.standard(), action, history::id));
    }
}

package lib.cli;

import java.util.concurrent.Callable;
import lib.deploy.DeployOptions;
import lib.deploy.Lifecycle;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import picocli.CommandLine.Mixin;

/**
 * The body of `start` and `restart`: pick the services (SERVICE… or --all), plan them in dependency waves and run the
 * action with healing, under the deploy lock. Subclasses only name themselves and their action.
 */
public abstract class LifecycleCommand implements Callable<Integer> {
    @Mixin
    protected CommonOptions common;

    @Mixin
    protected RunOptions run;

    @Mixin
    protected ServiceSelection selection;

    @Mixin
    protected RunOptions.HealOptions heal;

    protected abstract DeployOptions.Action action();

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        run.healing = heal.settings();
        String kind = action().name().toLowerCase();
        return run.execute(registry, Lifecycle.plan(registry, selection.names(registry)), action(), kind, common.console());
    }
}

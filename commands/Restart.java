///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.util.List;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.RunOptions;
import lib.cli.ServiceSelection;
import lib.deploy.DeployOptions;
import lib.deploy.Lifecycle;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `portoser restart`: Restart services, then wait until healthy. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Restart services, then wait until healthy.",
                "Services go in dependency waves, each waiting until what it needs is healthy;",
                "dependencies not named must already be healthy.",
                "A failed step goes through the self-healing loop (as for deploy); --no-auto-heal only diagnoses."},
        footer = {"", "Examples:", "  portoser restart --all", "  portoser restart api", "  portoser restart db api web --json-output"})
public class Restart implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @Mixin
    ServiceSelection selection;

    @Mixin
    RunOptions.HealOptions heal;

    public static void main(String[] args) {
        Cli.exit(new Restart(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        List<String> services = selection.names(registry);
        run.healing = heal.settings();
        return run.execute(registry, Lifecycle.plan(registry, services), DeployOptions.Action.RESTART, "restart", common.console());
    }
}

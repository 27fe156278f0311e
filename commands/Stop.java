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
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.RunOptions;
import lib.cli.ServiceSelection;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.Confirm;
import lib.deploy.DeployOptions;
import lib.deploy.Lifecycle;
import lib.deploy.Plan;
import lib.deploy.Runners;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `portoser stop`: stop services, dependents first; asks before stopping running services that need them. */
@Command(name = "stop", mixinStandardHelpOptions = true,
        description = {"Stop services, keeping their volumes, files and logs.",
                "Running services that need them are stopped first, after asking; --force stops them without asking; without a terminal and without --force the stop is refused (exit 1), naming them."},
        footer = {"", "Examples:", "  portoser stop web", "  portoser stop --all --force", "  portoser stop db --force"})
public class Stop implements Callable<Integer>, Audited {
    @Mixin
    CommonOptions common;

    @Mixin
    RunOptions run;

    @Mixin
    ServiceSelection selection;

    @Option(names = {"-f", "--force"}, description = "Also stop running dependents without asking.")
    boolean force;




    public static void main(String[] args) {
        Cli.exit(new Stop(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        List<String> services = selection.names(registry);
        Lifecycle.plan(registry, services); // checks the names before any host is asked anything
        Console c = common.console();
        try (Executor executor = run.executor(registry)) {
            List<String> dependents = Lifecycle.runningDependents(registry, services, executor, Runners::forType);
            if (!dependents.isEmpty() && !force && !agreed(c, services, dependents)) return ExitCode.FAILED;
            Plan plan = Lifecycle.plan(registry, Lifecycle.union(services, dependents));
            return run.execute(registry, plan, run.options(executor, DeployOptions.Action.STOP, "stop"), c, "stop");
        }
    }

    private boolean agreed(Console c, List<String> services, List<String> dependents) {
        String who = String.join(", ", dependents);
        if (Confirm.interactive() && Confirm.ask("Running services need " + String.join(", ", services) + ": " + who + ". Stop them too?")) return true;
        c.error("not stopped: running services depend on " + String.join(", ", services) + ": " + who);
        c.hint("stop them too with --force, or first: portoser stop " + String.join(" ", dependents));
        return false;
    }
}

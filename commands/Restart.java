///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.LifecycleCommand;
import lib.deploy.DeployOptions;
import picocli.CommandLine.Command;

/** `portoser restart`: Restart services, then wait until healthy. */
@Command(name = "restart", mixinStandardHelpOptions = true,
        description = {"Restart services, then wait until healthy.",
                "Services go in dependency waves, each waiting until what it needs is healthy;",
                "dependencies not named must already be healthy.",
                "A failed step goes through the self-healing loop (as for deploy); --no-auto-heal only diagnoses."},
        footer = {"", "Examples:", "  portoser restart --all", "  portoser restart api", "  portoser restart db api web --json-output"})
public class Restart extends LifecycleCommand implements Audited {
    public static void main(String[] args) {
        Cli.exit(new Restart(), args);
    }

    @Override
    protected DeployOptions.Action action() {
        return DeployOptions.Action.RESTART;
    }
}

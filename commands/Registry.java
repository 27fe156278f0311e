///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.registry.RegistryError;
import lib.registry.RegistryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** `portoser registry …`: check and edit registry.yml. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Check and edit the registry (edits keep comments and key order).",
        subcommands = {Registry.Validate.class})
public class Registry implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new Registry(), args);
    }

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** No subcommand: show the list, as a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return ExitCode.BAD_INPUT;
    }

    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Report every problem in a registry at once, as FILE:LINE:COL: field: message.",
                    "Exit 0 when valid, 1 when not."})
    static class Validate implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..1", paramLabel = "FILE", description = "Registry to check (default: the --registry file).")
        Path file;

        @Override
        public Integer call() {
            Console c = common.console();
            Path f = file != null ? file : common.registryFile();
            RegistryLoader.Checked checked = RegistryLoader.check(f, RegistryLoader.read(f), System.getenv());
            if (checked.ok()) {
                c.ok(f + ": valid (" + checked.registry().hosts().size() + " hosts, " + checked.registry().services().size() + " services)");
                return ExitCode.OK;
            }
            for (RegistryError e : checked.errors()) c.err().println(e.format());
            c.error(checked.errors().size() + (checked.errors().size() == 1 ? " problem" : " problems") + " in " + f);
            return ExitCode.FAILED;
        }
    }
}

///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.ExitCode;
import lib.registry.RegistryLoader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** `portoser status`: hosts and services, as they are right now. */
@Command(name = "status", mixinStandardHelpOptions = true, description = "Show hosts and services as they are now.")
public class Status implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new Status(), args);
    }

    @Override
    public Integer call() {
        var registry = RegistryLoader.load(common.registryFile());
        registry.services().values().forEach(s -> common.console().out().println(s.name() + " on " + s.currentHost()));
        return ExitCode.OK;
    }
}

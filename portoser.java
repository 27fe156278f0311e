///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES lib/**.java
//SOURCES commands/*.java
//CDS
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -Xlog:disable -Xlog:all=warning:stderr -Xlog:cds*=error:stderr

import commands.Apply;
import commands.Audit;
import commands.Dependencies;
import commands.Deploy;
import commands.Diagnose;
import commands.History;
import commands.Learn;
import commands.Lock;
import commands.Move;
import commands.Refresh;
import commands.Registry;
import commands.Remote;
import commands.Restart;
import commands.Start;
import commands.Status;
import commands.Stop;
import commands.Web;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Portoser-J: registry-driven, agentless deploys over plain SSH. Subcommands live in commands/. */
@Command(name = "portoser", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Registry-driven, agentless deployer for small clusters.",
                "Reads registry.yml, reaches every host over plain SSH (or directly for this machine)."},
        subcommands = {Status.class, Registry.class, Remote.class, Deploy.class, Start.class, Stop.class, Restart.class, Dependencies.class, History.class, Learn.class, Lock.class, Apply.class, Move.class, Refresh.class, Diagnose.class, Web.class, Audit.class},
        footer = {"", "Exit codes: 0 ok, 1 operation failed, 2 bad input (arguments or registry),",
                "            3 refused by state (unknown host key, lock held), 4 internal error.",
                "Run 'portoser COMMAND --help' for a command's options and examples."})
public class portoser extends CommandGroup {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new portoser(), args);
    }
}

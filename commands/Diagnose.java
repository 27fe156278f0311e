///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.time.Duration;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.diagnose.DiagnoseRun;
import lib.diagnose.Diagnosis;
import lib.diagnose.DiagnosisText;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.registry.Service;
import lib.registry.Suggest;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser diagnose SERVICE`: observe the service on its host and match what is wrong. Changes nothing. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Observe a service on its host (disk, memory, process, port holder, containers, docker daemon,",
                "permissions, dependencies, SSH) in one round trip, and name what is wrong: each problem with the",
                "evidence line that proved it and a hint, plus a health score. Deploys nothing, changes nothing.",
                "Exit 0 when no problem is found, 1 otherwise."},
        footer = {"", "Examples:", "  portoser diagnose web", "  portoser diagnose web --json-output"})
public class Diagnose implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(paramLabel = "SERVICE", description = "The service to diagnose.")
    String service;

    @Option(names = "--json-output", description = "Print the observations, problems and score as JSON (same as --json).")
    boolean jsonOutput;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Give up on a host after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public static void main(String[] args) {
        Cli.exit(new Diagnose(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        Service s = known(registry);
        ExecOptions options = ExecOptions.forRegistry(registry.file());
        DiagnoseRun run;
        try (Executor executor = new Executor(options.withConnectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, options.connectTimeout().toSeconds()))))) {
            run = DiagnoseRun.of(registry, s, executor, Duration.ofSeconds(timeoutSeconds), options.portoserHome());
        }
        Diagnosis d = run.diagnosis();
        Console c = common.console();
        c.out().print(jsonOutput || common.json() ? Json.pretty(run.json()) + "\n" : DiagnosisText.render(s.name(), d, run.observations(), c));
        c.out().flush();
        return d.healthy() ? ExitCode.OK : ExitCode.FAILED;
    }

    private Service known(Registry registry) {
        Service s = registry.services().get(service);
        if (s != null) return s;
        String dym = Suggest.didYouMean(service, registry.services().keySet());
        throw new PortoserException(ExitCode.BAD_INPUT, "unknown service '" + service + "'",
                dym != null ? dym : "services are: " + String.join(", ", registry.services().keySet()));
    }
}

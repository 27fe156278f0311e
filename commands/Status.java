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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.registry.Suggest;
import lib.status.StatusCollector;
import lib.status.StatusReport;
import lib.status.StatusText;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser status`: hosts and services, as they are right now. */
@Command(name = "status", mixinStandardHelpOptions = true,
        description = {"Show every host (reachable? load) and service (running? port open? healthy?) right now.",
                "All hosts are queried in parallel, one round trip each over a pooled SSH connection;",
                "hosts whose address is this machine are queried directly."},
        footer = {"", "Examples:", "  portoser status", "  portoser status web db --json", "  portoser status --host nuc --check"})
public class Status implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "Only these services (default: all).")
    List<String> services = List.of();

    @Option(names = "--host", paramLabel = "HOST", split = ",", description = "Only these hosts and their services.")
    List<String> hosts = List.of();

    @Option(names = "--check", description = "Exit 1 unless every host is reachable and every service is up.")
    boolean check;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
            description = "Give up on a host after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    public static void main(String[] args) {
        Cli.exit(new Status(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        requireKnown("service", services, registry.services().keySet());
        requireKnown("host", hosts, registry.hosts().keySet());
        StatusReport report;
        ExecOptions options = ExecOptions.forRegistry(registry.file());
        try (Executor executor = new Executor(options.withConnectTimeout(Duration.ofSeconds(Math.min(timeoutSeconds, options.connectTimeout().toSeconds()))))) {
            report = new StatusCollector(executor, Duration.ofSeconds(timeoutSeconds))
                    .collect(registry, new LinkedHashSet<>(services), new LinkedHashSet<>(hosts));
        }
        Console c = common.console();
        c.out().print(common.json() ? Json.pretty(report) + "\n" : StatusText.render(report, c));
        c.out().flush();
        return check && !report.allGood() ? ExitCode.FAILED : ExitCode.OK;
    }

    private static void requireKnown(String what, List<String> names, Set<String> known) {
        for (String n : names) {
            if (!known.contains(n)) {
                String dym = Suggest.didYouMean(n, known);
                throw new PortoserException(ExitCode.BAD_INPUT, "unknown " + what + " '" + n + "'",
                        dym != null ? dym : what + "s are: " + String.join(", ", known));
            }
        }
    }
}

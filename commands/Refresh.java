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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.ops.Operations;
import lib.deploy.ops.Refresh.Result;
import lib.deploy.state.Deployed;
import lib.deploy.state.State;
import lib.deploy.state.StateStore;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `portoser refresh`: rebuild state.yml from what actually runs on the hosts. */
@Command(name = "refresh", mixinStandardHelpOptions = true,
        description = {"Ask every host which registry services run there (one probe per host, like status) and rewrite the state ($PORTOSER_HOME/state.yml) to match.",
                "Hosts that cannot be reached keep their entries."},
        footer = {"", "Examples:", "  portoser refresh --dry-run", "  portoser refresh --json"})
public class Refresh implements Callable<Integer>, Audited {
    @Mixin
    CommonOptions common;

    @Option(names = "--dry-run", description = "Show what the state would become and change nothing.")
    boolean dryRun;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20", description = "Give up on a host after this many seconds (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--lock-wait", paramLabel = "SECONDS", defaultValue = "0", description = "Wait this long for another deploy's lock (default: ${DEFAULT-VALUE}).")
    int lockWait;

    public static void main(String[] args) {
        Cli.exit(new Refresh(), args);
    }

    @Override
    public Integer call() {
        Registry registry = RegistryLoader.load(common.registryFile());
        Console c = common.console();
        if (dryRun) return print(c, StateStore.standard().load(), scan(registry), true);
        return Operations.locked("refresh", Duration.ofSeconds(lockWait), c, () -> {
            StateStore store = StateStore.standard();
            State before = store.load();
            Result r = scan(registry);
            store.replace(r.state());
            return print(c, before, r, false);
        });
    }

    private Result scan(Registry registry) {
        try (Executor executor = new Executor(ExecOptions.forRegistry(registry.file()))) {
            return new lib.deploy.ops.Refresh(executor, Duration.ofSeconds(timeoutSeconds)).scan(registry, StateStore.standard().load());
        }
    }

    private int print(Console c, State before, Result r, boolean dry) {
        if (common.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("dry_run", dry);
            m.put("deployed", r.state().deployed());
            m.put("duplicates", r.duplicates());
            m.put("unreachable", r.unreachable());
            c.out().println(Json.pretty(m));
        } else {
            c.out().print(lines(before, r.state()));
            r.duplicates().forEach((svc, hosts) -> c.warn(svc + " runs on several hosts: " + String.join(", ", hosts)));
            r.unreachable().forEach(h -> c.warn(h + " could not be reached: its entries were kept as they were"));
            c.out().println((dry ? "would record " : "recorded ") + r.state().deployed().size() + " running service(s)");
        }
        c.out().flush();
        return ExitCode.OK;
    }

    private static String lines(State before, State after) {
        StringBuilder sb = new StringBuilder();
        before.deployed().forEach((s, d) -> { if (!after.deployed().containsKey(s)) sb.append("- ").append(s).append("  was on ").append(d.host()).append(" (not running)\n"); });
        after.deployed().forEach((s, d) -> {
            Deployed b = before.deployed().get(s);
            if (b == null) sb.append("+ ").append(s).append("  on ").append(d.host()).append('\n');
            else if (!b.host().equals(d.host())) sb.append("~ ").append(s).append("  ").append(b.host()).append(" -> ").append(d.host()).append('\n');
        });
        return sb.toString();
    }
}

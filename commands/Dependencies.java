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
import java.util.Map;
import java.util.concurrent.Callable;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.deploy.DependencyCheck;
import lib.deploy.DependencyGraph;
import lib.deploy.Runners;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.util.Json;
import lib.util.Table;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser dependencies …`: who needs whom, in what order they deploy, what breaks when one goes down. */
@Command(name = "dependencies", mixinStandardHelpOptions = true,
        description = "Query the dependency graph of the registry's services.",
        subcommands = {Dependencies.ListCmd.class, Dependencies.Graph.class, Dependencies.Check.class,
                Dependencies.Order.class, Dependencies.Impact.class},
        footer = {"", "Examples:", "  portoser dependencies graph --dot | dot -Tsvg > deps.svg", "  portoser dependencies impact db"})
public class Dependencies extends CommandGroup {
    @Mixin
    CommonOptions common;

    public static void main(String[] args) {
        Cli.exit(new Dependencies(), args);
    }

    static Registry load(CommonOptions common, List<String> names) {
        Registry r = RegistryLoader.load(common.registryFile());
        names.forEach(n -> DependencyGraph.requireService(r, n));
        return r;
    }

    static int print(CommonOptions common, Object json, String text) {
        Console c = common.console();
        c.out().print(common.json() ? Json.pretty(json) + "\n" : text);
        c.out().flush();
        return ExitCode.OK;
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Each service with what it needs and what needs it.")
    static class ListCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            List<Map<String, Object>> rows = DependencyGraph.list(load(common, List.of()));
            Table t = new Table("SERVICE", "HOST", "NEEDS", "NEEDED BY");
            rows.forEach(r -> t.row(r.get("service"), r.get("host"), join(r.get("dependencies")), join(r.get("dependents"))));
            return print(common, rows, t.render());
        }
    }

    @Command(name = "graph", mixinStandardHelpOptions = true, description = "A tree of what each service needs (--dot: Graphviz).")
    static class Graph implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..*", paramLabel = "SERVICE", description = "Roots of the tree (default: services nothing needs).")
        List<String> services = List.of();

        @Option(names = "--dot", description = "Print Graphviz dot instead of a tree.")
        boolean dot;

        @Override
        public Integer call() {
            Registry r = load(common, services);
            if (dot) return print(common, DependencyGraph.dot(r), DependencyGraph.dot(r));
            return print(common, DependencyGraph.list(r), DependencyGraph.tree(r, services));
        }
    }

    @Command(name = "order", mixinStandardHelpOptions = true, description = "The deploy waves of these services and all they need (default: all).")
    static class Order implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..*", paramLabel = "SERVICE")
        List<String> services = List.of();

        @Override
        public Integer call() {
            var plan = DependencyGraph.order(load(common, services), services);
            return print(common, plan.json(), plan.text());
        }
    }

    @Command(name = "impact", mixinStandardHelpOptions = true, description = "What stops working when SERVICE goes down: its dependents, nearest first.")
    static class Impact implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "SERVICE")
        String service;

        @Override
        public Integer call() {
            Registry r = load(common, List.of(service));
            Map<String, Integer> impact = DependencyGraph.impact(r, service);
            StringBuilder sb = new StringBuilder(impact.isEmpty() ? "nothing depends on " + service + "\n" : "");
            impact.forEach((s, depth) -> sb.append("  ".repeat(depth - 1)).append(s).append(depth == 1 ? "" : "  (via others)").append('\n'));
            return print(common, DependencyGraph.impactJson(r, service), sb.toString());
        }
    }

    @Command(name = "check", mixinStandardHelpOptions = true, description = "Health-check the dependencies of these services (default: all); exit 1 if one is down.")
    static class Check implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(arity = "0..*", paramLabel = "SERVICE")
        List<String> services = List.of();

        @Override
        public Integer call() {
            Registry r = load(common, services);
            List<Map<String, Object>> rows;
            try (Executor ex = new Executor(ExecOptions.forRegistry(r.file()))) {
                rows = DependencyCheck.run(r, services, ex, Runners::forType);
            }
            Console c = common.console();
            Table t = new Table("DEPENDENCY", "HOST", "NEEDED BY", "HEALTHY", "DETAIL");
            rows.forEach(x -> t.row(x.get("dependency"), x.get("host"), join(x.get("needed_by")),
                    (Boolean) x.get("healthy") ? c.green("yes") : c.red("no"), x.get("detail")));
            print(common, rows, rows.isEmpty() ? "no dependencies to check\n" : t.render());
            return rows.stream().allMatch(x -> (Boolean) x.get("healthy")) ? ExitCode.OK : ExitCode.FAILED;
        }
    }

    static String join(Object list) {
        List<?> l = (List<?>) list;
        return l.isEmpty() ? "-" : String.join(", ", l.stream().map(Object::toString).toList());
    }
}

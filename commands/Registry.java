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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.registry.DeploymentType;
import lib.registry.EditException;
import lib.registry.RegistryEdits;
import lib.registry.RegistryError;
import lib.registry.RegistryFile;
import lib.registry.RegistryLoader;
import lib.registry.RegistryView;
import lib.registry.Service;
import lib.registry.ServiceRemoval;
import lib.registry.ServiceUpdate;
import lib.registry.Suggest;
import lib.registry.TextDiff;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `portoser registry …`: check, read and edit registry.yml. The logic lives in lib/registry. */
@Command(name = "registry", mixinStandardHelpOptions = true,
        description = "Check, read and edit the registry (edits keep comments and key order, take a lock and are atomic).",
        subcommands = {Registry.Validate.class, Registry.ListCmd.class, Registry.Show.class, Registry.AddMachine.class,
                Registry.AddService.class, Registry.Update.class, Registry.Move.class, Registry.Remove.class,
                Registry.RemoveMachine.class},
        footer = {"", "Every edit is validated before it is written: one that would break the",
                "registry is refused with all its problems (exit 2), the file untouched."})
public class Registry extends CommandGroup {
    @Mixin
    CommonOptions common;


    public static void main(String[] args) {
        Cli.exit(new Registry(), args);
    }


    @Command(name = "validate", mixinStandardHelpOptions = true,
            description = {"Report every problem in a registry at once, as FILE:LINE:COL: field: message.",
                    "Exit 0 when valid, 1 when not."},
            footer = {"", "Example:", "  portoser registry validate registry.yml"})
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
                c.ok(f + ": valid (" + count(checked.registry().hosts().size(), "host") + ", "
                        + count(checked.registry().services().size(), "service") + ")");
                return ExitCode.OK;
            }
            for (RegistryError e : checked.errors()) c.err().println(e.format());
            c.error(count(checked.errors().size(), "problem") + " in " + f);
            return ExitCode.FAILED;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the services: host, deployment type, port and dependencies, in file order.",
            footer = {"", "Examples:", "  portoser registry list", "  portoser registry list --json"})
    static class ListCmd implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            lib.registry.Registry r = RegistryLoader.load(common.registryFile());
            common.console().out().print(common.json() ? Json.pretty(RegistryView.rows(r)) + "\n" : RegistryView.table(r));
            common.console().out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show every field of one service, defaults filled in, with its host's address and its dependents.",
            footer = {"", "Examples:", "  portoser registry show web", "  portoser registry show web --json"})
    static class Show implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "SERVICE", description = "The service to show.")
        String service;

        @Override
        public Integer call() {
            lib.registry.Registry r = RegistryLoader.load(common.registryFile());
            Service s = r.service(service).orElseThrow(() -> unknownService(r, service));
            Map<String, Object> d = RegistryView.details(r, s);
            common.console().out().print(common.json() ? Json.pretty(d) + "\n" : RegistryView.detailsText(d));
            common.console().out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "add-machine", mixinStandardHelpOptions = true,
            description = "Add a host at the end of `hosts:`, in the file's own indentation.",
            footer = {"", "Example:", "  portoser registry add-machine pi --ip 10.0.0.11 --ssh-user deploy --path /opt/portoser --arch arm64 --roles docker"})
    static class AddMachine implements Callable<Integer>, Audited {
        enum Arch { amd64, arm64 }

        @Mixin
        CommonOptions common;

        @Mixin
        EditOptions edit;

        @Parameters(paramLabel = "NAME", description = "The host's name in the registry.")
        String name;

        @Option(names = "--ip", required = true, description = "Address portoser connects to.")
        String ip;

        @Option(names = "--ssh-user", description = "SSH user (default when omitted: the user running portoser).")
        String sshUser;

        @Option(names = "--ssh-port", description = "SSH port (default when omitted: 22).")
        Integer sshPort;

        @Option(names = "--ssh-key", paramLabel = "FILE", description = "Private key for this host (default: ~/.ssh keys).")
        String sshKey;

        @Option(names = "--path", required = true, description = "Where service directories live on the host.")
        String path;

        @Option(names = "--arch", description = "amd64 or arm64.")
        Arch arch;

        @Option(names = "--roles", split = ",", description = "Comma-separated roles, e.g. docker,db.")
        List<String> roles;

        @Override
        public Integer call() {
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("ip", ip);
            if (sshUser != null) f.put("ssh_user", sshUser);
            if (sshPort != null) f.put("ssh_port", sshPort);
            if (sshKey != null) f.put("ssh_key", sshKey);
            f.put("path", path);
            if (arch != null) f.put("arch", arch.name());
            if (roles != null) f.put("roles", roles);
            return edit.run(common, t -> RegistryEdits.addHost(t, name, f), c -> "added host '" + name + "' (" + ip + ")");
        }
    }

    @Command(name = "add-service", mixinStandardHelpOptions = true,
            description = "Add a service at the end of `services:`, in the file's own indentation.",
            footer = {"", "Examples:",
                    "  portoser registry add-service web --host nuc --type docker --compose services/web/compose.yml --port 8080 \\",
                    "      --healthcheck-url 'http://{host}:8080/health' --depends-on db --tags frontend",
                    "  portoser registry add-service api --host pi --type local --service-file services/api/service.yml"})
    static class AddService implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Mixin
        EditOptions edit;

        @Parameters(paramLabel = "NAME", description = "The service's name.")
        String name;

        @Option(names = "--host", required = true, description = "The host it runs on (current_host).")
        String host;

        @Option(names = "--type", required = true, paramLabel = "TYPE", completionCandidates = Types.class,
                description = "Deployment type: docker, local or native.")
        DeploymentType type;

        @Option(names = "--compose", paramLabel = "FILE", description = "docker_compose file (type docker).")
        String compose;

        @Option(names = "--service-file", paramLabel = "FILE", description = "service_file (types local and native).")
        String serviceFile;

        @Option(names = "--port", description = "The port it listens on.")
        Integer port;

        @Option(names = "--healthcheck-url", paramLabel = "URL", description = "e.g. http://{host}:8080/health")
        String healthcheckUrl;

        @Option(names = "--depends-on", split = ",", paramLabel = "SVC", description = "Comma-separated services it needs first.")
        List<String> dependsOn;

        @Option(names = "--tags", split = ",", description = "Comma-separated tags.")
        List<String> tags;

        @Override
        public Integer call() {
            requireFileFor(type, compose, serviceFile);
            Map<String, Object> f = new LinkedHashMap<>();
            f.put("current_host", host);
            f.put("deployment_type", type.yamlName());
            if (compose != null) f.put("docker_compose", compose);
            if (serviceFile != null) f.put("service_file", serviceFile);
            if (port != null) f.put("port", port);
            if (healthcheckUrl != null) f.put("healthcheck_url", healthcheckUrl);
            if (dependsOn != null) f.put("dependencies", dependsOn);
            if (tags != null) f.put("tags", tags);
            return edit.run(common, t -> RegistryEdits.addService(RegistryEdits.requireHost(t, host), name, f),
                    c -> "added service '" + name + "' on host '" + host + "' (" + type.yamlName() + ")");
        }
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = {"Set fields of a service. Lists are a,b or [a,b]; an empty value removes the field.",
                    "Keys: current_host, deployment_type, docker_compose, service_file, port, healthcheck_url,",
                    "healthcheck.tcp, healthcheck.cmd, healthcheck_interval, healthcheck_retries, dependencies, tags, description."},
            footer = {"", "Examples:", "  portoser registry update web port=9090 tags=frontend,public",
                    "  portoser registry update web healthcheck.cmd='curl -fs localhost:9090/health' healthcheck_url=",
                    "  portoser registry update web dependencies=[db,cache] --dry-run"})
    static class Update implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Mixin
        EditOptions edit;

        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to change.")
        String service;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "KEY=VALUE", description = "Fields to set.")
        List<String> assignments;

        @Override
        public Integer call() {
            List<ServiceUpdate> updates = assignments.stream().map(ServiceUpdate::parse).toList();
            return edit.run(common, t -> {
                for (ServiceUpdate u : updates) t = u.applyTo(t, service);
                return t;
            }, c -> "updated service '" + service + "': " + String.join(", ", updates.stream().map(ServiceUpdate::describe).toList()));
        }
    }

    @Command(name = "move", mixinStandardHelpOptions = true,
            description = {"Point a service at another host (its current_host). Registry only: nothing is deployed."},
            footer = {"", "Example:", "  portoser registry move web pi"})
    static class Move implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Mixin
        EditOptions edit;

        @Parameters(index = "0", paramLabel = "SERVICE", description = "The service to move.")
        String service;

        @Parameters(index = "1", paramLabel = "HOST", description = "Its new host.")
        String host;

        @Override
        public Integer call() {
            return edit.run(common, t -> RegistryEdits.moveService(t, service, host),
                    c -> "moved service '" + service + "' to host '" + host + "' (registry only, nothing was deployed)");
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = {"Remove a service, with the comment lines just above it.",
                    "Refused (exit 2) while other services depend on it, naming them. With --force it is also",
                    "removed from their `dependencies` (the only way the result still validates)."},
            footer = {"", "Examples:", "  portoser registry remove cache", "  portoser registry remove db --force --dry-run"})
    static class Remove implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Mixin
        EditOptions edit;

        @Parameters(paramLabel = "SERVICE", description = "The service to remove.")
        String service;

        @Option(names = "--force", description = "Also remove it from the dependencies of the services that name it.")
        boolean force;

        @Override
        public Integer call() {
            List<String> dropped = new ArrayList<>();
            return edit.run(common, t -> {
                ServiceRemoval r = ServiceRemoval.of(t, service, force);
                dropped.clear();
                dropped.addAll(r.droppedFrom());
                return r.text();
            }, c -> "removed service '" + service + "'"
                    + (dropped.isEmpty() ? "" : " and dropped it from the dependencies of " + String.join(", ", dropped)));
        }
    }

    @Command(name = "remove-machine", mixinStandardHelpOptions = true,
            description = {"Remove a host, with the comment lines just above it.",
                    "Refused (exit 2) while services run on it (it is their current_host), naming them: move them first."},
            footer = {"", "Example:", "  portoser registry remove-machine pi --dry-run"})
    static class RemoveMachine implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Mixin
        EditOptions edit;

        @Parameters(paramLabel = "NAME", description = "The host to remove.")
        String name;

        @Override
        public Integer call() {
            return edit.run(common, t -> RegistryEdits.removeHost(t, name), c -> "removed host '" + name + "'");
        }
    }

    /** `--dry-run`, and the one way every edit runs and reports. */
    static class EditOptions {
        @Option(names = "--dry-run", description = "Print the lines that would change; write nothing.")
        boolean dryRun;

        int run(CommonOptions common, UnaryOperator<String> edit, Function<RegistryFile.Change, String> what) {
            Console c = common.console();
            RegistryFile.Change change = RegistryFile.edit(common.registryFile(), edit, System.getenv(), dryRun);
            if (!change.changed()) {
                c.ok(change.file() + ": already so, nothing changed");
                return ExitCode.OK;
            }
            if (dryRun) TextDiff.changedLines(change.before(), change.after()).forEach(c.out()::println);
            c.ok(change.file() + ": " + what.apply(change) + (dryRun ? " (dry run: nothing written)" : ""));
            return ExitCode.OK;
        }
    }

    static class Types implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return List.of("docker", "local", "native").iterator();
        }
    }

    static void requireFileFor(DeploymentType type, String compose, String serviceFile) {
        if (type == DeploymentType.DOCKER && compose == null) {
            throw new EditException("--type docker needs --compose FILE", "e.g. --compose services/NAME/compose.yml");
        }
        if (type != DeploymentType.DOCKER && serviceFile == null) {
            throw new EditException("--type " + type.yamlName() + " needs --service-file FILE", "e.g. --service-file services/NAME/service.yml");
        }
    }

    static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    static EditException unknownService(lib.registry.Registry r, String name) {
        String dym = Suggest.didYouMean(name, r.services().keySet());
        return new EditException("no service '" + name + "' in the registry",
                dym != null ? dym : "see them all with: portoser registry list");
    }
}

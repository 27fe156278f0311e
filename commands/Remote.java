///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package commands;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import lib.audit.Audited;
import lib.cli.Cli;
import lib.cli.CommandGroup;
import lib.cli.CommonOptions;
import lib.cli.Console;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.exec.ConnectionCheck;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.exec.HostKeyScan;
import lib.exec.LineSink;
import lib.exec.PrefixedOutput;
import lib.exec.Result;
import lib.exec.SystemInfo;
import lib.exec.TrustedKeys;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.registry.Suggest;
import lib.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** `portoser remote …`: reach the registry's hosts over SSH — test, run, inspect, trust. */
@Command(name = "remote", mixinStandardHelpOptions = true,
        description = "Reach hosts over SSH: test connections, run commands, inspect, trust host keys.",
        subcommands = {Remote.TestConnections.class, Remote.Exec.class, Remote.SystemInfoCommand.class, Remote.Trust.class})
public class Remote extends CommandGroup {
    /** Exit code of `remote exec` when a host could not be reached at all (as ssh does). */
    static final int UNREACHABLE = 255;
    /** Exit code of `remote exec` for a command that hit --timeout (as timeout(1) does). */
    static final int TIMED_OUT = 124;

    @Mixin
    CommonOptions common;


    public static void main(String[] args) {
        Cli.exit(new Remote(), args);
    }


    static Registry registry(CommonOptions common) { return RegistryLoader.load(common.registryFile()); }

    static Executor executor(CommonOptions common) { return new Executor(ExecOptions.forRegistry(common.registryFile())); }

    /** The named hosts in the order given, all hosts when none are named; an unknown name is bad input. */
    static List<Host> select(Registry registry, List<String> names) {
        if (names == null || names.isEmpty()) return new ArrayList<>(registry.hosts().values());
        List<Host> out = new ArrayList<>();
        for (String n : names) out.add(host(registry, n));
        return out;
    }

    static Host host(Registry registry, String name) {
        return registry.host(name).orElseThrow(() -> new PortoserException(ExitCode.BAD_INPUT,
                "unknown host `" + name + "` in " + registry.file(),
                hintFor(name, registry)));
    }

    private static String hintFor(String name, Registry registry) {
        String dym = Suggest.didYouMean(name, registry.hosts().keySet());
        return (dym != null ? dym + " " : "") + "hosts: " + String.join(", ", registry.hosts().keySet());
    }

    @Command(name = "test-connections", mixinStandardHelpOptions = true,
            description = {"Connect to each host (all by default) and run `true`: ok with latency, or the error and a hint.",
                    "Exit 0 when every host answered, 1 otherwise."})
    static class TestConnections implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "HOST", arity = "0..*", description = "Hosts to test (default: all).")
        List<String> hosts;

        @Override
        public Integer call() {
            Registry registry = registry(common);
            List<Host> targets = select(registry, hosts);
            List<ConnectionCheck> checks = new ArrayList<>();
            try (Executor ex = executor(common)) {
                ex.fanOut(targets, h -> ConnectionCheck.run(ex, h)).values().forEach(o -> checks.add(o.value()));
            }
            Console c = common.console();
            if (common.json()) c.out().println(Json.pretty(checks));
            else print(c, checks);
            c.out().flush();
            return checks.stream().allMatch(ConnectionCheck::ok) ? ExitCode.OK : ExitCode.FAILED;
        }

        private static void print(Console c, List<ConnectionCheck> checks) {
            int width = checks.stream().mapToInt(k -> k.host().length()).max().orElse(0);
            for (ConnectionCheck k : checks) {
                String name = String.format("%-" + width + "s", k.host());
                if (k.ok()) {
                    String how = k.local() ? "local (no SSH), " + k.roundTripMs() + " ms"
                            : "ok, connect " + k.connectMs() + " ms, round trip " + k.roundTripMs() + " ms";
                    c.out().println(c.green("✓ ") + name + "  " + k.ip() + "  " + how);
                } else {
                    c.out().println(c.red("✗ ") + name + "  " + k.ip() + "  " + k.error());
                    if (k.hint() != null) c.out().println(c.dim("    hint: " + k.hint()));
                }
            }
            long bad = checks.stream().filter(k -> !k.ok()).count();
            c.out().println((checks.size() - bad) + "/" + checks.size() + " hosts reachable");
        }
    }

    @Command(name = "exec", mixinStandardHelpOptions = true,
            description = {"Run a shell command on hosts at once, output prefixed [host] line.",
                    "Exit code: the worst host's; 124 if it timed out, 255 if a host could not be reached."},
            footer = {"", "Examples:", "  portoser remote exec h1 -- uname -a", "  portoser remote exec --all -- 'df -h /'"})
    static class Exec implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Spec
        CommandSpec spec;

        @Option(names = "--all", description = "Run on every host in the registry.")
        boolean all;

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "Command timeout (default: $PORTOSER_COMMAND_TIMEOUT or 120).")
        Long timeoutSeconds;

        @Parameters(paramLabel = "HOST… -- CMD", arity = "1..*", description = "Hosts (unless --all), then `--` and the command.")
        List<String> words;

        @Override
        public Integer call() {
            Registry registry = registry(common);
            Split split = split(words, originalArgs(), all);
            List<Host> targets = all ? new ArrayList<>(registry.hosts().values()) : select(registry, split.hosts());
            try (Executor ex = executor(common)) {
                Duration timeout = timeoutSeconds != null ? Duration.ofSeconds(timeoutSeconds) : ex.options().commandTimeout();
                return common.json() ? runJson(ex, targets, split.command(), timeout) : runStreaming(ex, targets, split.command(), timeout);
            }
        }

        private List<String> originalArgs() {
            var parsed = spec.commandLine().getParseResult();
            return parsed == null ? List.of() : parsed.originalArgs();
        }

        /** Hosts and command, split at `--` (or after the first word, or all command with --all). */
        record Split(List<String> hosts, String command) {}

        static Split split(List<String> words, List<String> originalArgs, boolean all) {
            int dash = originalArgs.indexOf("--");
            int commandWords = dash >= 0 ? originalArgs.size() - dash - 1 : all ? words.size() : words.size() - 1;
            if (commandWords <= 0 || commandWords > words.size()) {
                throw new PortoserException(ExitCode.BAD_INPUT, "no command given", "portoser remote exec HOST -- CMD");
            }
            List<String> hosts = words.subList(0, words.size() - commandWords);
            if (all && !hosts.isEmpty()) {
                throw new PortoserException(ExitCode.BAD_INPUT, "give hosts or --all, not both", "portoser remote exec --all -- CMD");
            }
            if (!all && hosts.isEmpty()) {
                throw new PortoserException(ExitCode.BAD_INPUT, "no host given", "portoser remote exec HOST -- CMD, or --all");
            }
            return new Split(List.copyOf(hosts), String.join(" ", words.subList(words.size() - commandWords, words.size())));
        }

        private int runStreaming(Executor ex, List<Host> targets, String command, Duration timeout) {
            Console c = common.console();
            PrefixedOutput out = new PrefixedOutput(c.out(), c.err(), c.color(), targets.stream().map(Host::name).toList());
            Map<Host, LineSink> sinks = new LinkedHashMap<>();
            for (Host h : targets) sinks.put(h, out.sink(h.name())); // colours follow the registry order
            var outcomes = ex.fanOut(targets, h -> ex.run(h, command, timeout, sinks.get(h)));
            int worst = 0;
            for (var e : outcomes.entrySet()) worst = Math.max(worst, report(c, e.getKey(), e.getValue(), timeout));
            return worst;
        }

        /** Prints a host's failure (if any) and returns its exit code for the worst-of. */
        private static int report(Console c, Host h, Executor.Outcome<Result> o, Duration timeout) {
            if (!o.ok()) {
                c.error(o.error().getMessage());
                if (o.error() instanceof PortoserException pe && pe.hint() != null) c.hint(pe.hint());
                return UNREACHABLE;
            }
            Result r = o.value();
            if (r.timedOut()) {
                c.error(h.name() + ": timed out after " + timeout.toSeconds() + "s");
                return TIMED_OUT;
            }
            if (r.exit() != 0) c.err().println(c.dim("[" + h.name() + "] exit " + r.exit()));
            c.err().flush();
            return r.exit() < 0 ? UNREACHABLE : r.exit();
        }

        private int runJson(Executor ex, List<Host> targets, String command, Duration timeout) {
            List<Map<String, Object>> rows = new ArrayList<>();
            int worst = 0;
            for (var e : ex.fanOut(targets, h -> ex.run(h, command, timeout, LineSink.NONE)).entrySet()) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("host", e.getKey().name());
                Result r = e.getValue().value();
                if (r == null) {
                    row.put("error", e.getValue().error().getMessage());
                    worst = UNREACHABLE;
                } else {
                    row.put("exit", r.exit());
                    row.put("timed_out", r.timedOut());
                    row.put("duration_ms", r.duration().toMillis());
                    row.put("stdout", r.stdout());
                    row.put("stderr", r.stderr());
                    worst = Math.max(worst, r.timedOut() ? TIMED_OUT : r.exit() < 0 ? UNREACHABLE : r.exit());
                }
                rows.add(row);
            }
            common.console().out().println(Json.pretty(rows));
            common.console().out().flush();
            return worst;
        }
    }

    @Command(name = "system-info", mixinStandardHelpOptions = true,
            description = "OS, arch, CPUs, memory, disk, docker and compose flavour of a host, in one SSH round trip.")
    static class SystemInfoCommand implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "HOST", description = "Host to inspect.")
        String hostName;

        @Override
        public Integer call() {
            Host host = host(registry(common), hostName);
            Result r;
            try (Executor ex = executor(common)) {
                r = ex.run(host, SystemInfo.script(host.path()));
            }
            if (!r.ok()) {
                throw new PortoserException(ExitCode.FAILED, host.name() + ": system-info script failed (exit " + r.exit() + "): "
                        + r.stderr().strip(), "run `portoser remote exec " + host.name() + " -- uname -a` to check the shell");
            }
            SystemInfo info = SystemInfo.parse(r.stdout());
            Console c = common.console();
            if (common.json()) c.out().println(Json.pretty(Map.of("host", host.name(), "info", info)));
            else c.out().print(render(host, info));
            c.out().flush();
            return ExitCode.OK;
        }

        static String render(Host host, SystemInfo i) {
            StringBuilder sb = new StringBuilder();
            row(sb, "host", host.name() + " (" + host.ip() + ")");
            row(sb, "os", i.os() + ", kernel " + i.kernel());
            row(sb, "arch", i.arch());
            row(sb, "cpus", String.valueOf(i.cpus()));
            row(sb, "memory", gib(i.memoryAvailableBytes()) + " available of " + gib(i.memoryTotalBytes()));
            row(sb, "disk", gib(i.diskAvailableBytes()) + " free of " + gib(i.diskTotalBytes()) + " at " + i.diskPath());
            row(sb, "docker", i.dockerVersion() == null ? "not installed" : i.dockerVersion());
            row(sb, "compose", i.compose() == null ? "none" : i.compose() + (i.composeVersion() == null ? "" : " " + i.composeVersion()));
            return sb.toString();
        }

        private static void row(StringBuilder sb, String key, String value) {
            sb.append(String.format("%-8s %s%n", key, value));
        }

        private static String gib(long bytes) { return String.format("%.1f GiB", bytes / (1024.0 * 1024 * 1024)); }
    }

    @Command(name = "trust", mixinStandardHelpOptions = true,
            description = {"Show a host's SSH key (type and SHA256 fingerprint) and record it in $PORTOSER_HOME/known_hosts.",
                    "Asks first on a terminal; --yes for scripts. A changed key is never replaced: remove the old line first."})
    static class Trust implements Callable<Integer>, Audited {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "HOST", description = "Host whose key to trust.")
        String hostName;

        @Option(names = {"-y", "--yes"}, description = "Trust without asking (needed when not on a terminal).")
        boolean yes;

        @Override
        public Integer call() throws IOException {
            Host host = host(registry(common), hostName);
            Console c = common.console();
            try (Executor ex = executor(common)) {
                if (ex.isLocal(host)) {
                    c.ok(host.name() + " (" + host.ip() + ") is this machine: commands run without SSH, nothing to trust");
                    return ExitCode.OK;
                }
                return trust(c, host, ex.ssh().scanHostKey(host), ex.options().trustedKeysFile());
            }
        }

        private int trust(Console c, Host host, HostKeyScan scan, Path file) throws IOException {
            c.out().println(host.name() + " (" + host.ip() + ":" + host.sshPort() + ") presents " + scan.type() + " " + scan.fingerprint());
            c.out().flush();
            switch (scan.state()) {
                case TRUSTED -> {
                    c.ok("already trusted");
                    return ExitCode.OK;
                }
                case CHANGED -> throw scan.refusal();
                default -> { }
            }
            if (!confirmed(c, file)) {
                throw new PortoserException(ExitCode.REFUSED, "not trusted: " + host.name() + "'s key was not confirmed",
                        "compare the fingerprint with `ssh-keygen -lf /etc/ssh/ssh_host_" + keyFileType(scan) + "_key.pub` on the host, then re-run with --yes");
            }
            boolean changed = TrustedKeys.record(file, scan.knownHostsLine());
            c.ok((changed ? "recorded in " : "already in ") + file);
            return ExitCode.OK;
        }

        private boolean confirmed(Console c, Path file) {
            if (yes) return true;
            java.io.Console tty = System.console();
            if (tty == null) return false;
            String answer = tty.readLine("Trust this key and record it in %s? [y/N] ", file);
            return answer != null && answer.trim().toLowerCase().startsWith("y");
        }

        private static String keyFileType(HostKeyScan scan) {
            String t = scan.type();
            return t.contains("ed25519") ? "ed25519" : t.contains("ecdsa") ? "ecdsa" : t.contains("rsa") ? "rsa" : "*";
        }
    }
}

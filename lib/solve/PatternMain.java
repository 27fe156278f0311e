package lib.solve;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.diagnose.Problem;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.RegistryLoader;
import lib.registry.Service;

/**
 * The `main` of every pattern, for a manual fix without a deploy:
 * {@code jbang patterns/port_conflict.java --service web [--host h1] [--registry registry.yml] [--dry-run] [--yes] port=8080 pid=1234}.
 * The key=value words become the problem's details, exactly what diagnose would have put there.
 */
public final class PatternMain {
    private PatternMain() {}

    public static int run(Pattern pattern, String fingerprint, String[] args) {
        Map<String, String> opts = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--dry-run") || a.equals("--yes")) opts.put(a, "true");
            else if (a.startsWith("--") && i + 1 < args.length) opts.put(a, args[++i]);
            else if (a.contains("=")) details.put(a.substring(0, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
        }
        if (!opts.containsKey("--service")) {
            System.err.println("usage: " + fingerprint + " --service NAME [--host H] [--registry FILE] [--dry-run] [--yes] key=value…");
            return 2;
        }
        return solve(pattern, fingerprint, opts, details);
    }

    private static int solve(Pattern pattern, String fp, Map<String, String> opts, Map<String, Object> details) {
        Path file = Path.of(opts.getOrDefault("--registry", "registry.yml"));
        Registry registry = RegistryLoader.load(file);
        Service service = registry.services().get(opts.get("--service"));
        if (service == null) throw new IllegalArgumentException("no service " + opts.get("--service") + " in " + file);
        Host host = registry.hosts().get(opts.getOrDefault("--host", service.currentHost()));
        PrintWriter out = new PrintWriter(System.out, true);
        try (Executor ex = new Executor(ExecOptions.forRegistry(file))) {
            SolveContext ctx = new SolveContext(ex, registry, host, service, opts.containsKey("--dry-run"), opts.containsKey("--yes"),
                    PatternMain::askTerminal, out, List.of());
            Problem p = new Problem(fp, service.name(), host.name(), Problem.Severity.HIGH, 1, List.of(), fp + " (manual)", "", details);
            Outcome o = pattern.solve(p, ctx);
            o.actions().forEach(a -> out.println((a.done() ? "done: " : "plan: ") + a.description() + (a.command() == null ? "" : "  $ " + a.command())));
            out.println(o.status().name().toLowerCase() + ": " + o.message());
            return o.status() == Outcome.Status.FIXED || o.status() == Outcome.Status.RETRY ? 0 : 1;
        }
    }

    /** Yes only from a person at a terminal; a pipe or CI run never confirms a destructive step. */
    public static boolean askTerminal(String question) {
        java.io.Console c = System.console();
        if (c == null) return false;
        String answer = c.readLine("%s [y/N] ", question);
        return answer != null && answer.strip().equalsIgnoreCase("y");
    }
}

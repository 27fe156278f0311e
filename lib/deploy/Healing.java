package lib.deploy;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import lib.diagnose.Diagnoser;
import lib.diagnose.Diagnosis;
import lib.diagnose.Evidence;
import lib.diagnose.HealthScore;
import lib.diagnose.Problem;
import lib.knowledge.KnowledgeBase;
import lib.knowledge.KnowledgeDir;
import lib.observe.Observation;
import lib.observe.ObservationLog;
import lib.observe.Observer;
import lib.registry.Host;
import lib.registry.Service;
import lib.solve.Action;
import lib.solve.Attempts;
import lib.solve.CircuitBreaker;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.PatternLoader;
import lib.solve.SolveContext;
import lib.solve.Solver;
import lib.standardize.Learner;

/**
 * The self-healing loop of one deploy run: observe → diagnose → solve → (caller retries) → learn.
 * <ul>
 * <li>{@link #diagnose} observes the service on its host (appended to `observations/<deploy-id>.jsonl`, plus the
 *     failure output as a `log` observation) and diagnoses it; read-only. When a known fingerprint matched, the
 *     failure output is explained and its `unmatched` echo is dropped; otherwise it stays as the unmatched evidence.</li>
 * <li>{@link Round#solve} runs the {@link Solver} for each matched problem (a recorded playbook first, said so),
 *     sharing one {@link Attempts} budget (3) across the whole run; the solver refuses (no pattern, {@link CircuitBreaker}
 *     open, attempts used up) and says why — this class never second-guesses it. A needs_confirmation outcome (a
 *     destructive fix without --yes) ends the round: nothing is retried.</li>
 * <li>{@link Round#finish} is called by the caller once the retried step ran: every attempt goes to the
 *     {@link Learner} (resolved = the retried step succeeded); a fix that worked but did not stick counts as a
 *     breaker failure.</li>
 * </ul>
 * Thread-safe: services of a wave heal in parallel.
 */
public final class Healing {
    public enum Mode { OFF, DIAGNOSE, HEAL }

    /**
     * OFF: failures are reported as before. DIAGNOSE (`--no-auto-heal`): observe and diagnose, solve nothing.
     * HEAL: the loop; destructive fixes only with {@code yes} or a yes from {@code confirm}. {@code loader} null =
     * {@link PatternLoader#defaults()}.
     */
    public record Settings(Mode mode, boolean yes, Predicate<String> confirm, PatternLoader loader) {
        public static final Settings OFF = new Settings(Mode.OFF, false, q -> false, null);

        public Settings {
            confirm = confirm == null ? q -> false : confirm;
        }

        public static Settings heal(boolean yes, Predicate<String> confirm) { return new Settings(Mode.HEAL, yes, confirm, null); }

        public static Settings diagnoseOnly() { return new Settings(Mode.DIAGNOSE, false, q -> false, null); }

        /** What `--no-auto-heal` and `--yes` ask for (CLI flags, API fields alike); {@code confirm} asks about a destructive fix. */
        public static Settings of(boolean noAutoHeal, boolean yes, Predicate<String> confirm) {
            return noAutoHeal ? diagnoseOnly() : heal(yes, confirm);
        }

        public Settings withLoader(PatternLoader l) { return new Settings(mode, yes, confirm, l); }

        public boolean on() { return mode != Mode.OFF; }
    }

    /**
     * Preflight checks whose problems may be healed before the run (others always stop the deploy): a port in use,
     * a docker daemon that does not answer, a host that cannot be reached (the runner's `ssh`, the deployer's `reach`).
     */
    static final Set<String> HEALABLE_PREFLIGHT = Set.of("port", "docker_daemon", "ssh", "reach");
    /** How long ssh_unreachable waits for a host to answer again, in connect timeouts. */
    static final int SSH_PATIENCE = 3;
    /** Deploy steps that heal on failure: the ones that start something or wait for it. */
    static final Set<String> HEALABLE_STEPS = Set.of("up", "start", "restart", "health");
    static final Duration OBSERVE_TIMEOUT = Duration.ofSeconds(20);

    private final Settings settings;
    private final String deployId;
    private final Attempts attempts = new Attempts();
    private final CircuitBreaker breaker;
    private final ObservationLog observations;
    private final KnowledgeDir knowledge;
    private final Learner learner;
    private final PatternLoader loader;
    private Solver solver;

    Healing(Settings settings, String deployId, Path portoserHome) {
        this.settings = settings;
        this.deployId = deployId;
        this.breaker = new CircuitBreaker(portoserHome);
        this.observations = new ObservationLog(portoserHome);
        this.knowledge = new KnowledgeDir(portoserHome.resolve("knowledge"));
        this.learner = new Learner(knowledge, java.time.Clock.systemUTC());
        this.loader = settings.loader() != null ? settings.loader()
                : new PatternLoader(PatternLoader.defaults().dir(), portoserHome.resolve("cache/patterns"));
    }

    Settings settings() { return settings; }

    boolean heals() { return settings.mode() == Mode.HEAL; }

    /** Patterns are compiled once per run, on the first heal (never in OFF or DIAGNOSE mode). */
    synchronized Solver solver() {
        if (solver == null) solver = Solver.load(loader, breaker, KnowledgeBase.load(knowledge));
        return solver;
    }

    /** Observe + diagnose after {@code step} failed with {@code failure}: read-only; the lines go to the service's output. */
    Round diagnose(DeployTarget t, String step, String failure, String logTail) {
        return diagnose(t, step, failure, logTail, p -> true);
    }

    /** As above, keeping only the problems {@code keep} accepts (preflight: not the plan's own dependencies). */
    Round diagnose(DeployTarget t, String step, String failure, String logTail, Predicate<Problem> keep) {
        Round r = new Round(t, step, failure);
        long start = System.nanoTime();
        List<Observation> obs = new ArrayList<>(new Observer(t.executor(), OBSERVE_TIMEOUT).observe(t.registry(), t.service()));
        obs.add(failureOutput(t, step, failure, logTail));
        String where;
        try {
            where = "→ " + observations.append(deployId, obs).getFileName();
        } catch (RuntimeException e) {
            where = "(not saved: " + e.getMessage() + ")";
        }
        r.phases.add(PhaseResult.ok("observe", ServiceRun.ms(start), obs.size() + " observations " + where));

        start = System.nanoTime();
        Diagnosis d = Diagnoser.diagnose(obs, t.service().name());
        for (Problem p : relevant(d)) if (keep.test(p)) r.problems.add(withSshPatience(t, withDependencyCheck(t, p)));
        String found = r.problems.isEmpty() ? "no problem found"
                : String.join(", ", r.problems.stream().map(Problem::fingerprint).toList()) + " (health " + HealthScore.of(r.problems) + "/100)";
        r.phases.add(r.problems.isEmpty() ? PhaseResult.ok("diagnose", ServiceRun.ms(start), found)
                : PhaseResult.failed("diagnose", ServiceRun.ms(start), found));
        for (Problem p : r.problems) show(t, p);
        if (settings.mode() == Mode.DIAGNOSE) r.end("diagnosed", "--no-auto-heal: diagnosed, nothing was solved");
        else if (r.problems.isEmpty()) r.end("stopped", "the observations show nothing wrong");
        return r;
    }

    /**
     * The failed step's output as a `log` observation: its evidence line is the failure plus the last lines of the
     * service's log (where the reason usually is), so an unmatched failure still shows why.
     */
    static Observation failureOutput(DeployTarget t, String step, String failure, String logTail) {
        String text = failure + (logTail == null || logTail.isBlank() ? "" : "\n" + logTail.strip());
        List<String> tail = logTail == null ? List.of() : logTail.strip().lines().filter(l -> !l.isBlank()).toList();
        String line = failure + (tail.isEmpty() ? "" : "\n" + String.join("\n", tail.subList(Math.max(0, tail.size() - 5), tail.size())));
        return new Observation(java.time.Instant.now().toString(), t.host().name(), t.service().name(), "log",
                java.util.Map.of("source", step, "text", text, "line", line));
    }

    /**
     * A dependency_not_ready problem names the dependency; its pattern also needs how to check it and how long to
     * wait: the dependency's own health check (command, URL, else TCP to its check port or its port, on its host)
     * and the patience its own health wait would have (interval × retries). Details the diagnosis gave win.
     */
    static Problem withDependencyCheck(DeployTarget t, Problem p) {
        if (!"dependency_not_ready".equals(p.fingerprint())) return p;
        Service dep = t.registry().services().get(Details.str(p, "dependency"));
        if (dep == null) return p;
        Host host = t.registry().hosts().get(dep.currentHost());
        if (host == null) return p;
        Service checked = HealthBarrier.checked(DeployTarget.of(t.registry(), dep, host, t.executor(), DeployListener.NONE));
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>();
        if (checked.healthcheck() != null && checked.healthcheck().cmd() != null) {
            d.put("health_command", "cd " + lib.util.Sh.quote(ServiceDirs.remoteDir(host, dep)) + " 2>/dev/null; " + checked.healthcheck().cmd());
        } else if (checked.healthcheckUrl() != null) {
            d.put("health_url", checked.healthUrlFor(host));
        } else if (checked.healthcheck() != null && checked.healthcheck().tcp() != null) {
            d.put("address", host.ip());
            d.put("port", checked.healthcheck().tcp());
        } else if (dep.port() != null) {
            d.put("address", host.ip());
            d.put("port", dep.port());
        }
        d.put("max_wait_ms", Math.max(1, checked.healthcheckRetries()) * checked.healthcheckInterval().toMillis());
        d.put("dependency_host", dep.currentHost());
        d.putAll(p.details());
        return new Problem(p.fingerprint(), p.service(), p.host(), p.severity(), p.confidence(), p.evidence(), p.summary(), p.hint(), d);
    }

    /**
     * An unreachable host is waited for {@link #SSH_PATIENCE} connect timeouts (PORTOSER_CONNECT_TIMEOUT, default
     * 10 s: 30 s), so one setting bounds both how long a single attempt and the whole wait may take.
     */
    static Problem withSshPatience(DeployTarget t, Problem p) {
        if (!"ssh_unreachable".equals(p.fingerprint()) || p.details().containsKey("max_wait_ms")) return p;
        java.util.Map<String, Object> d = new java.util.LinkedHashMap<>(p.details());
        d.put("max_wait_ms", SSH_PATIENCE * t.executor().options().connectTimeout().toMillis());
        return new Problem(p.fingerprint(), p.service(), p.host(), p.severity(), p.confidence(), p.evidence(), p.summary(), p.hint(), d);
    }

    /** Where a problem's fix runs: a dependency is waited for on its own host (its checks are local to it). */
    static Host hostFor(DeployTarget t, Problem p) {
        if (!"dependency_not_ready".equals(p.fingerprint())) return t.host();
        String h = Details.str(p, "dependency_host");
        Host host = h == null ? null : t.registry().hosts().get(h);
        return host == null ? t.host() : host;
    }

    /** The failure output explains itself once a fingerprint matched: drop its `unmatched` echo then. */
    static List<Problem> relevant(Diagnosis d) {
        if (d.matched().isEmpty()) return d.problems();
        return d.problems().stream().filter(p -> !(Problem.UNMATCHED.equals(p.fingerprint())
                && p.evidence().stream().allMatch(e -> "log".equals(e.kind())))).toList();
    }

    private static void show(DeployTarget t, Problem p) {
        t.log("✗ " + p.fingerprint() + String.format(java.util.Locale.ROOT, " (confidence %.2f): ", p.confidence()) + p.summary());
        for (String e : excerpts(p)) t.log("    evidence: " + e);
        if (p.hint() != null && !p.hint().isBlank()) t.log("    hint: " + p.hint());
        t.listener().problem(t.service().name(), t.host().name(), found(p));
    }

    /** A problem as the deploy reports it (JSON `problems`, listener events). */
    static HealRecord.Found found(Problem p) {
        return new HealRecord.Found(p.fingerprint(), p.severity().name().toLowerCase(), p.confidence(), p.summary(), excerpts(p), p.hint());
    }

    static List<String> excerpts(Problem p) {
        List<String> out = new ArrayList<>();
        for (Evidence e : p.evidence()) {
            for (String line : e.excerpt().split("\n")) {
                if (!line.isBlank()) out.add("[" + e.kind() + " #" + e.observation() + "] " + line.strip());
                if (out.size() >= 8) return out;
            }
        }
        return out;
    }

    /**
     * Solve order: a stale run's leftovers first (cleaning them often frees the port too); a port held by the
     * stale run's own process group is that same problem, not a second one to ask about.
     */
    static List<Problem> solveOrder(List<Problem> problems) {
        List<Problem> matched = problems.stream().filter(p -> !Problem.UNMATCHED.equals(p.fingerprint()))
                .sorted(Comparator.comparingInt(p -> p.fingerprint().equals("stale_process") ? 0 : 1)).toList();
        Set<Integer> stale = new java.util.HashSet<>();
        for (Problem p : matched) {
            Integer pid = Details.integer(p, "pid");
            if (p.fingerprint().equals("stale_process") && pid != null && pid > 0 && !"reused".equals(Details.str(p, "state"))) stale.add(pid);
        }
        return matched.stream().filter(p -> !(p.fingerprint().equals("port_conflict")
                && (stale.contains(Details.integer(p, "pgid")) || stale.contains(Details.integer(p, "pid"))))).toList();
    }

    /** One diagnosis and what was done about it. */
    final class Round {
        private final DeployTarget t;
        private final String step;
        private final String failure;
        final List<PhaseResult> phases = new ArrayList<>();
        final List<Problem> problems = new ArrayList<>();
        private final List<HealRecord.Fix> fixes = new ArrayList<>();
        /** Problems whose fix was applied (FIXED/RETRY): learned once the retried step ran. */
        private final List<Problem> pendingProblems = new ArrayList<>();
        private final List<Outcome> pendingOutcomes = new ArrayList<>();
        private String result;
        private String reason;

        Round(DeployTarget t, String step, String failure) {
            this.t = t;
            this.step = step;
            this.failure = failure;
        }

        String step() { return step; }

        /** True when a fix was applied and none needed a --yes it did not get: the caller runs the failed step again. */
        boolean retry() { return "retried".equals(result); }

        /** Why healing ended without a retry (for the service's error), or null. */
        String reason() { return reason; }

        private void end(String result, String reason) {
            this.result = result;
            this.reason = reason;
        }

        /** Whether the solver would take some matched problem (a pattern, breaker closed, attempts left): preflight heals only then. */
        boolean solvable() {
            if (!heals()) return false;
            Solver s = solver();
            return solveOrder(problems).stream().anyMatch(p -> s.refusal(p, attempts) == null);
        }

        /**
         * Runs the solver for each matched problem; adds the `solve` phase. A problem the solver refuses (no pattern,
         * breaker open, attempts used up) is recorded with the solver's reason and the others still get their turn.
         */
        void solve() {
            if (result != null || !heals()) return;
            long start = System.nanoTime();
            boolean applied = false;
            String needsYes = null, gaveUp = null;
            List<Problem> order = solveOrder(problems);
            Solver s = order.isEmpty() ? null : solver(); // nothing matched: no need to compile the patterns
            if (order.isEmpty()) gaveUp = "no known fingerprint matches this failure; see the unmatched evidence above";
            for (Problem p : order) {
                String fp = p.fingerprint();
                List<String> playbook = playbookSteps(p);
                // Handed to the pattern (the solver says so); whether it changed the order of the fix is the pattern's to say.
                SolveContext ctx = new SolveContext(t.executor(), t.registry(), hostFor(t, p), t.service(), false, settings.yes(),
                        settings.confirm(), lineWriter(t, "  "), playbook);
                Outcome o = s.solve(p, ctx, attempts);
                HealRecord.Fix fix = new HealRecord.Fix(fp, o.status().name().toLowerCase(), o.message(),
                        !playbook.isEmpty() && o.status() != Outcome.Status.REFUSED, steps(o));
                fixes.add(fix);
                for (HealRecord.Step step : fix.steps()) t.listener().action(t.service().name(), t.host().name(), fp, step);
                t.log("solve " + fp + ": " + o.status().name().toLowerCase() + (o.message() == null ? "" : " — " + o.message()));
                switch (o.status()) {
                    case FIXED, RETRY -> {
                        applied = true;
                        pendingProblems.add(p);
                        pendingOutcomes.add(o);
                    }
                    case NEEDS_CONFIRMATION -> {
                        learn(p, o, false);
                        needsYes = o.message() + (o.message() != null && o.message().contains("--yes") ? "" : " (rerun with --yes to allow it)");
                    }
                    case GAVE_UP -> {
                        learn(p, o, false);
                        gaveUp = o.message();
                    }
                    case REFUSED -> gaveUp = o.message(); // nothing ran: nothing to learn, no breaker failure
                }
                if (needsYes != null) break;
            }
            if (needsYes != null) {
                t.log("hint: rerun with --yes to allow destructive fixes");
                settle(false, false); // the step is not retried: no verdict on the other fixes, no breaker failure
                end("stopped", needsYes);
            } else if (applied) {
                end("retried", null);
            } else {
                end("stopped", gaveUp != null ? gaveUp : "nothing could be fixed automatically");
            }
            String detail = fixes.stream().map(f -> f.fingerprint() + " " + f.status()).reduce((a, b) -> a + ", " + b).orElse("nothing to solve");
            phases.add(applied && needsYes == null ? PhaseResult.ok("solve", ServiceRun.ms(start), detail)
                    : PhaseResult.failed("solve", ServiceRun.ms(start), detail));
        }

        /** The retried step ran: learn every applied fix; one that did not stick is a circuit-breaker failure. */
        synchronized void finish(boolean resolved) {
            boolean any = settle(resolved, !resolved);
            if (any && "retried".equals(result)) end(resolved ? "healed" : "not_healed", resolved ? null : step + " failed again after the fix");
        }

        private boolean settle(boolean resolved, boolean breakerFailure) {
            for (int i = 0; i < pendingProblems.size(); i++) {
                Problem p = pendingProblems.get(i);
                learn(p, pendingOutcomes.get(i), resolved);
                if (breakerFailure) breaker.recordFailure(p.service(), p.fingerprint());
            }
            boolean any = !pendingProblems.isEmpty();
            pendingProblems.clear();
            pendingOutcomes.clear();
            return any;
        }

        private void learn(Problem p, Outcome o, boolean resolved) {
            try {
                learner.record(p, o, deployId, resolved);
            } catch (RuntimeException e) {
                t.log("could not record to the knowledge base: " + e.getMessage());
            }
        }

        private List<String> playbookSteps(Problem p) {
            try {
                return KnowledgeBase.load(knowledge).stepsFor(p.fingerprint(), p.service(), p.host());
            } catch (RuntimeException e) {
                return List.of();
            }
        }

        HealRecord record() {
            List<HealRecord.Found> found = problems.stream().map(Healing::found).toList();
            return new HealRecord(step, failure, found, fixes, result, reason);
        }
    }

    private static List<HealRecord.Step> steps(Outcome o) {
        List<HealRecord.Step> out = new ArrayList<>();
        for (Action a : o.actions()) out.add(new HealRecord.Step(a.description(), a.command(), a.destructive(), a.done()));
        return out;
    }

    /** A writer whose lines become the service's output lines (what patterns say as they work). */
    static PrintWriter lineWriter(DeployTarget t, String indent) {
        return new PrintWriter(new lib.util.LineWriter(line -> t.log(indent + line)));
    }
}

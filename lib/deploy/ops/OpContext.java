package lib.deploy.ops;

import java.io.PrintWriter;
import java.util.List;
import lib.cli.Console;
import lib.deploy.ConsoleListener;
import lib.deploy.DeployOptions;
import lib.deploy.DeployReport;
import lib.deploy.DeployText;
import lib.deploy.Deployer;
import lib.deploy.Plan;
import lib.deploy.Planner;
import lib.deploy.PreflightException;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.state.StateRecorder;
import lib.deploy.state.StateStore;
import lib.registry.Registry;

/**
 * What an operation (apply, move, rollback) shares across its runs: the deployer options, one history record,
 * the state store and where progress is printed. Each {@link #run} is one Deployer.run of one action.
 */
public final class OpContext {
    private final DeployOptions base;
    private final HistoryRecorder history;
    private final StateStore state;
    private final Console console;
    private final PrintWriter progress;
    private final List<Run> runs = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** One Deployer.run of this operation: its action and report (null: preflight refused, nothing changed). */
    public record Run(DeployOptions.Action action, DeployReport report) {}

    public OpContext(DeployOptions base, HistoryRecorder history, StateStore state, Console console, PrintWriter progress) {
        this.base = base;
        this.history = history;
        this.state = state;
        this.console = console;
        this.progress = progress;
    }

    /** The same operation printing its progress to {@code to} (stderr when stdout carries one JSON document). */
    public OpContext withProgress(PrintWriter to) { return new OpContext(base, history, state, console, to); }

    /** Every run so far, in order. */
    public List<Run> runs() { return List.copyOf(runs); }

    public HistoryRecorder history() { return history; }

    public StateStore state() { return state; }

    public PrintWriter progress() { return progress; }

    public Console console() { return console; }

    /** Runs {@code action} for these services as {@code registry} places them; null when preflight refused (nothing changed). */
    public DeployReport run(Registry registry, List<String> services, DeployOptions.Action action) {
        Plan plan = Planner.plan(registry, Planner.Request.of(services.toArray(String[]::new)));
        progress.print("\n" + action.name().toLowerCase(java.util.Locale.ROOT) + ": " + plan.text());
        progress.flush();
        DeployOptions o = base.withAction(action).withListener(new ConsoleListener(progress, console, ConsoleListener.labels(plan)).andThen(base.listener()))
                .withHooks(history.action(action).filesFrom(registry).andThen(new StateRecorder(state, action, history::id)));
        // A caller-chosen id (the web API's) names the run that starts the record, so it is the record's id; later runs get their own.
        if (history.id() != null) o = o.withDeployId(null);
        try {
            DeployReport report = Deployer.run(registry, plan, o);
            runs.add(new Run(action, report));
            progress.println(DeployText.summary(report, console).stripTrailing());
            progress.flush();
            return report;
        } catch (PreflightException e) {
            DeployText.problems(e.problems(), console);
            DeployText.healingStopped(e, console);
            console.error(e.getMessage());
            runs.add(new Run(action, null));
            return null;
        }
    }

    public static boolean ok(DeployReport r) { return r != null && r.ok(); }
}

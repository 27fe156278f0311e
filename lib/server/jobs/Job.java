package lib.server.jobs;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.cli.Console;
import lib.deploy.DeployListener;
import lib.server.events.EventHub;

/**
 * One background run started from the web API (deploy, start, stop, restart, move, apply, rollback). Its id is the
 * deploy id, which is also the id of the history record the run writes. It keeps the last lines of the run's output
 * (what the CLI would have printed) and, once done, the run's JSON report. State: running → ok | failed |
 * interrupted (the server stopped before the run ended); it changes once.
 */
public final class Job {
    public enum State { RUNNING, OK, FAILED, INTERRUPTED }

    static final int OUTPUT_LINES = 1000;

    private final String id;
    private final String kind;
    private final List<String> services;
    private final String who;
    private final Instant started = Instant.now();
    private final Deque<String> output = new ArrayDeque<>();
    private final EventHub events;
    private final Console console;
    private final DeployListener listener;
    private State state = State.RUNNING;
    private Instant finished;
    private Object report;
    private String error;

    public Job(String id, String kind, List<String> services, String who, EventHub events) {
        this.id = id;
        this.kind = kind;
        this.services = List.copyOf(services);
        this.who = who;
        this.events = events;
        PrintWriter w = new PrintWriter(new lib.util.LineWriter(this::keep), true);
        this.console = new Console(w, w, false);
        this.listener = new DeployEvents(id, events, console);
    }

    /** The token name that started it. */
    public String who() { return who; }

    public String id() { return id; }

    public String kind() { return kind; }

    public List<String> services() { return services; }

    /** Where the run prints: its lines are kept as the job's output (no colour). */
    public Console console() { return console; }

    /** Publishes the run's progress as `log`, `phase`, `problem`, `action` and `service` events. */
    public DeployListener listener() { return listener; }

    public synchronized State state() { return state; }

    public synchronized Object report() { return report; }

    public synchronized String error() { return error; }

    public synchronized List<String> output() { return List.copyOf(output); }

    /** Ends the job unless it already ended (an interrupted job stays interrupted); publishes the `deploy` event. */
    boolean end(State to, Object finalReport, String why) {
        synchronized (this) {
            if (state != State.RUNNING) return false;
            state = to;
            finished = Instant.now();
            if (finalReport != null) report = finalReport;
            error = why;
        }
        announce();
        return true;
    }

    /** The `deploy` event for the current state: {deploy_id, kind, state: started|ok|failed|interrupted, services, error?, job}. */
    void announce() {
        events.publish("deploy", event());
    }

    synchronized Map<String, Object> event() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploy_id", id);
        m.put("kind", kind);
        m.put("state", state == State.RUNNING ? "started" : state.name().toLowerCase());
        m.put("services", services);
        if (error != null) m.put("error", error);
        m.put("job", "/api/deployment/jobs/" + id);
        return m;
    }

    /** The job as GET /api/deployment/jobs lists it; {@code full} adds the report and the output lines. */
    public synchronized Map<String, Object> json(boolean full) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("deploy_id", id);
        m.put("kind", kind);
        m.put("state", state.name().toLowerCase());
        m.put("services", services);
        m.put("who", who);
        m.put("started_at", started.toString());
        m.put("finished_at", finished == null ? null : finished.toString());
        m.put("duration_ms", Duration.between(started, finished == null ? Instant.now() : finished).toMillis());
        m.put("error", error);
        m.put("job", "/api/deployment/jobs/" + id);
        m.put("history", "/api/history/" + id);
        if (full) {
            m.put("report", report);
            m.put("output", List.copyOf(output));
        }
        return m;
    }

    private synchronized void keep(String line) {
        output.addLast(line);
        while (output.size() > OUTPUT_LINES) output.removeFirst();
    }
}

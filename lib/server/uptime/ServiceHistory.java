package lib.server.uptime;

import java.util.List;
import java.util.Objects;
import lib.server.metrics.Ring;

/** One service's kept checks and state changes, and its uptime over the kept checks. Pure: no I/O, no clock. */
public final class ServiceHistory {
    private final Ring<Check> checks;
    private final Ring<Transition> transitions;

    public ServiceHistory(int keepChecks, int keepTransitions) {
        this.checks = new Ring<>(keepChecks);
        this.transitions = new Ring<>(keepTransitions);
    }

    /** Keeps the check; returns the transition when the state or host differs from the last check (or is the first), else null. */
    public synchronized Transition record(Check c) {
        Check last = checks.last();
        checks.add(c);
        if (last != null && Objects.equals(last.state(), c.state()) && Objects.equals(last.host(), c.host())) return null;
        Transition t = new Transition(c.ts(), c.service(), c.host(), last == null ? null : last.state(), c.state(), c.healthy(), c.detail());
        transitions.add(t);
        return t;
    }

    /** Read back from disk at start: kept as they were, no transition derived. */
    synchronized void restore(Check c) { checks.add(c); }

    synchronized void restore(Transition t) { transitions.add(t); }

    public Check last() { return checks.last(); }

    public Transition lastChange() { return transitions.last(); }

    public List<Check> checks(long sinceMillis) { return checks.where(c -> c.ts() > sinceMillis); }

    public List<Transition> transitions() { return transitions.all(); }

    public int checkCount() { return checks.size(); }

    /** Epoch ms of the oldest kept check: the start of the window uptime is computed over (null: no checks). */
    public Long windowStart() {
        Check first = checks.first();
        return first == null ? null : first.ts();
    }

    /** Share of kept checks that found the service up, in percent with two decimals; null before any check. */
    public Double uptimePct() {
        List<Check> all = checks.all();
        if (all.isEmpty()) return null;
        long up = all.stream().filter(Check::healthy).count();
        return Math.round(10000.0 * up / all.size()) / 100.0;
    }
}

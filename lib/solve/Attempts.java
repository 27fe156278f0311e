package lib.solve;

/**
 * Solve attempts left in one deploy run: the retry loop asks before each heal, so a fault that keeps coming back
 * ends the deploy after {@link #MAX} tries instead of looping. One instance per deploy run (not shared).
 */
public final class Attempts {
    public static final int MAX = 3;
    private final int max;
    private int used;

    public Attempts() { this(MAX); }

    public Attempts(int max) { this.max = max; }

    /** Takes one attempt; false when none is left. */
    public synchronized boolean next() {
        if (used >= max) return false;
        used++;
        return true;
    }

    public synchronized int used() { return used; }

    public int max() { return max; }

    public synchronized boolean exhausted() { return used >= max; }
}

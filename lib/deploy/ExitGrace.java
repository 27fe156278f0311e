package lib.deploy;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * On SIGTERM/Ctrl-C the JVM runs every shutdown hook at once. A run's own hooks (its history record ends as
 * `interrupted`, its deploy lock is released) would then fire before a server stopping gracefully has let that run
 * finish. A server holds them off with {@link #hold}: those hooks first {@link #await} until every hold is released
 * (the server's stop has let in-flight runs finish and recorded the rest), at most the longest hold's bound.
 * Without holds (the CLI) they go at once, as before.
 */
public final class ExitGrace {
    private static final Set<Hold> HOLDS = ConcurrentHashMap.newKeySet();

    private ExitGrace() {}

    /** Held until closed; exit hooks wait for it at most {@link Hold#bound}. */
    public static final class Hold implements AutoCloseable {
        private volatile Duration bound;

        private Hold(Duration bound) { this.bound = bound; }

        public void bound(Duration d) { bound = d; }

        @Override
        public void close() {
            HOLDS.remove(this);
            synchronized (HOLDS) {
                HOLDS.notifyAll();
            }
        }
    }

    public static Hold hold(Duration bound) {
        Hold h = new Hold(bound);
        HOLDS.add(h);
        return h;
    }

    /** Waits until no hold is left, or the longest bound has passed. */
    public static void await() {
        long maxMs = HOLDS.stream().mapToLong(h -> h.bound.toMillis()).max().orElse(0);
        long end = System.currentTimeMillis() + maxMs;
        synchronized (HOLDS) {
            while (!HOLDS.isEmpty()) {
                long left = end - System.currentTimeMillis();
                if (left <= 0) return;
                try {
                    HOLDS.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}

package server.metrics;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polls until a condition holds (the sampler and poller run on their own clock); fails with the last value seen. */
public final class Await {
    private Await() {}

    public static <T> T until(String what, Duration max, Supplier<T> probe, Predicate<T> done) {
        long deadline = System.nanoTime() + max.toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            last = probe.get();
            if (done.test(last)) return last;
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what);
            }
        }
        throw new AssertionError("gave up after " + max.toMillis() + " ms waiting for " + what + "; last seen: " + last);
    }

    /** Runs {@code body} with system properties set, restoring what was there before. */
    public static <T> T withProperties(java.util.Map<String, String> props, java.util.concurrent.Callable<T> body) throws Exception {
        java.util.Map<String, String> before = new java.util.HashMap<>();
        props.forEach((k, v) -> {
            before.put(k, System.getProperty(k));
            System.setProperty(k, v);
        });
        try {
            return body.call();
        } finally {
            before.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }
}

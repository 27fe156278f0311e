package lib.server.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client (remote address): {@code burst} requests at once, refilled at {@code perSecond}.
 * {@link #take} answers 0 when allowed, else the whole seconds to wait (for Retry-After). Pure apart from the
 * clock, which tests may hand in.
 */
public final class RateLimiter {
    private record Bucket(double tokens, long atNanos) {}

    private final double burst;
    private final double perSecond;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public RateLimiter(double burst, double perSecond, LongSupplier nanoClock) {
        if (burst < 1 || perSecond <= 0) throw new IllegalArgumentException("rate limit needs burst >= 1 and rate > 0");
        this.burst = burst;
        this.perSecond = perSecond;
        this.clock = nanoClock;
    }

    public RateLimiter(double burst, double perSecond) { this(burst, perSecond, System::nanoTime); }

    /** Takes one request's token for {@code client}: 0 if allowed, else seconds until one is available (>= 1). */
    public long take(String client) {
        long now = clock.getAsLong();
        long[] wait = {0};
        buckets.compute(client, (k, b) -> {
            double tokens = b == null ? burst : Math.min(burst, b.tokens() + (now - b.atNanos()) / 1e9 * perSecond);
            if (tokens >= 1) return new Bucket(tokens - 1, now);
            wait[0] = Math.max(1, (long) Math.ceil((1 - tokens) / perSecond));
            return new Bucket(tokens, now);
        });
        if (buckets.size() > 10_000) forgetFull(now);
        return wait[0];
    }

    /** Buckets that have refilled completely carry no state worth keeping. */
    private void forgetFull(long now) {
        buckets.entrySet().removeIf(e -> e.getValue().tokens() + (now - e.getValue().atNanos()) / 1e9 * perSecond >= burst);
    }
}

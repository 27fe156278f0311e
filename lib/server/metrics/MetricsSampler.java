package lib.server.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import lib.exec.Executor;
import lib.exec.LineSink;
import lib.exec.Result;
import lib.registry.Host;
import lib.registry.Registry;
import lib.server.ServerContext;
import lib.server.events.EventHub;

/**
 * Samples every registry host each interval: one {@link MetricsScript} command per host over the executor's
 * pooled connection (a host of this machine runs it directly), all hosts in parallel. Each sample goes into the
 * {@link MetricsHistory} and out as a `metric` event. A host that cannot be reached gives a
 * {@code reachable: false} sample with the error; a host still busy with its previous sample (hung) is skipped
 * this round rather than holding up the others.
 */
public final class MetricsSampler implements AutoCloseable {
    /** Sampling interval (0 or less: off) and samples kept per host, from system properties in the server. */
    public record Settings(Duration interval, int keep) {
        public static final long DEFAULT_INTERVAL_MS = 10_000;
        public static final int DEFAULT_KEEP = 720;

        /** {@code portoser.metrics.interval} (ms) and {@code portoser.metrics.keep}: tests sample every ~300 ms. */
        public static Settings fromProperties() {
            return new Settings(Duration.ofMillis(Long.getLong("portoser.metrics.interval", DEFAULT_INTERVAL_MS)),
                    Math.max(1, Integer.getInteger("portoser.metrics.keep", DEFAULT_KEEP)));
        }

        public boolean enabled() { return !interval.isZero() && !interval.isNegative(); }

        /** A hung host is given up on after one interval, at least 2 s and at most 15 s. */
        Duration commandTimeout() {
            long ms = Math.max(2_000, Math.min(interval.toMillis(), 15_000));
            return Duration.ofMillis(ms);
        }
    }

    private final Supplier<Registry> registry;
    private final Executor executor;
    private final MetricsHistory history;
    private final EventHub events;
    private final Settings settings;
    private final Map<String, CpuTimes> previousCpu = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ExecutorService workers;
    private volatile ScheduledFuture<?> ticks;
    private volatile boolean closed;

    public MetricsSampler(Supplier<Registry> registry, Executor executor, MetricsHistory history, EventHub events, Settings settings) {
        this.registry = registry;
        this.executor = executor;
        this.history = history;
        this.events = events;
        this.settings = settings;
        this.workers = Executors.newFixedThreadPool(Math.max(1, executor.options().parallelism()), r -> {
            Thread t = new Thread(r, "metrics-sampler");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * The server's sampler, made once per server: history restored from {@code $PORTOSER_HOME/metrics}, ticking on
     * the server's scheduler (first sample at once), stopped with the server.
     */
    public static MetricsSampler of(ServerContext ctx) {
        return ctx.shared(MetricsSampler.class, () -> {
            Settings s = Settings.fromProperties();
            MetricsHistory h;
            try {
                h = MetricsHistory.open(ctx.home().resolve("metrics"), s.keep());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + ctx.home().resolve("metrics") + ": " + e.getMessage(), e);
            }
            MetricsSampler sampler = new MetricsSampler(() -> ctx.registry().get(), ctx.executor(), h, ctx.events(), s);
            ctx.onStop(sampler);
            if (s.enabled()) sampler.start(ctx.scheduler());
            return sampler;
        });
    }

    public MetricsHistory history() { return history; }

    public Settings settings() { return settings; }

    public void start(ScheduledExecutorService scheduler) {
        ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts one sample per host not still busy with its last one. Never throws: that would end the schedule. */
    void tick() {
        try {
            for (Host h : registry.get().hosts().values()) {
                if (!inFlight.add(h.name())) continue;
                workers.execute(() -> {
                    try {
                        record(sample(h));
                    } finally {
                        inFlight.remove(h.name());
                    }
                });
            }
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // stopping: the pool is closed
        } catch (RuntimeException e) {
            System.err.println("portoser web: metrics: " + e.getMessage());
        }
    }

    /** One sample of one host; never throws. */
    Sample sample(Host h) {
        long ts = System.currentTimeMillis();
        try {
            Result r = executor.run(h, MetricsScript.build(h.path()), settings.commandTimeout(), LineSink.NONE);
            if (r.timedOut()) return Sample.unreachable(h.name(), ts, "no answer within " + settings.commandTimeout().toMillis() + " ms");
            HostReading reading = HostReading.parse(r.stdout());
            Sample s = Sample.of(h.name(), ts, r.duration().toMillis(), reading, previousCpu.get(h.name()));
            if (reading.cpu() != null) previousCpu.put(h.name(), reading.cpu());
            return s;
        } catch (RuntimeException e) {
            return Sample.unreachable(h.name(), ts, withoutHostPrefix(h.name(), e.getMessage() == null ? e.toString() : e.getMessage()));
        }
    }

    private void record(Sample s) {
        // Stopping interrupts samples in flight: what they report then is about us, not the host.
        if (closed) return;
        history.add(s);
        events.publish("metric", s);
    }

    /** ExecException messages start with "host: ", which the sample already says. */
    static String withoutHostPrefix(String host, String message) {
        return message.startsWith(host + ": ") ? message.substring(host.length() + 2) : message;
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = ticks;
        if (t != null) t.cancel(false);
        workers.shutdownNow();
        // Samples in flight end (or are left behind, unrecorded) before close() returns: none outlives the server.
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package lib.server.uptime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import lib.exec.Executor;
import lib.registry.Registry;
import lib.server.ServerContext;
import lib.server.events.EventHub;
import lib.status.StatusCollector;
import lib.status.StatusReport;
import lib.status.StatusReport.ServiceStatus;

/**
 * Checks every service's health each interval exactly as `portoser status` does ({@link StatusCollector}: one
 * probe per host over the pooled connections, then the URL/TCP checks from here), records each result in the
 * {@link UptimeHistory}, and publishes a `status` event only when a service's state changes. A poll still running
 * when the next is due (a hung host) makes that one skip, so polls never pile up.
 */
public final class UptimePoller implements AutoCloseable {
    /** Poll interval (0 or less: off), checks and transitions kept per service. */
    public record Settings(Duration interval, int keepChecks, int keepTransitions) {
        public static final long DEFAULT_INTERVAL_MS = 15_000;
        public static final int DEFAULT_KEEP_CHECKS = 2880, DEFAULT_KEEP_TRANSITIONS = 200;

        /** {@code portoser.uptime.interval} (ms) and {@code portoser.uptime.keep} (checks per service). */
        public static Settings fromProperties() {
            return new Settings(Duration.ofMillis(Long.getLong("portoser.uptime.interval", DEFAULT_INTERVAL_MS)),
                    Math.max(1, Integer.getInteger("portoser.uptime.keep", DEFAULT_KEEP_CHECKS)), DEFAULT_KEEP_TRANSITIONS);
        }

        public boolean enabled() { return !interval.isZero() && !interval.isNegative(); }

        /** How long one host's probe may take: one interval, at least 3 s, at most 20 s (status's default). */
        Duration probeTimeout() { return Duration.ofMillis(Math.max(3_000, Math.min(interval.toMillis(), 20_000))); }
    }

    private final Supplier<Registry> registry;
    private final UptimeHistory history;
    private final EventHub events;
    private final Settings settings;
    private final StatusCollector collector;
    private final AtomicBoolean polling = new AtomicBoolean();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "uptime-poller");
        t.setDaemon(true);
        return t;
    });
    private volatile ScheduledFuture<?> ticks;
    private volatile boolean closed;

    public UptimePoller(Supplier<Registry> registry, Executor executor, UptimeHistory history, EventHub events, Settings settings) {
        this.registry = registry;
        this.history = history;
        this.events = events;
        this.settings = settings;
        this.collector = new StatusCollector(executor, settings.probeTimeout());
    }

    /** The server's poller, made once: history restored from {@code $PORTOSER_HOME/uptime}, first poll at once. */
    public static UptimePoller of(ServerContext ctx) {
        return ctx.shared(UptimePoller.class, () -> {
            Settings s = Settings.fromProperties();
            Path dir = ctx.home().resolve("uptime");
            UptimeHistory h;
            try {
                h = UptimeHistory.open(dir, s.keepChecks(), s.keepTransitions());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open " + dir + ": " + e.getMessage(), e);
            }
            UptimePoller p = new UptimePoller(() -> ctx.registry().get(), ctx.executor(), h, ctx.events(), s);
            ctx.onStop(p);
            if (s.enabled()) p.start(ctx.scheduler());
            return p;
        });
    }

    public UptimeHistory history() { return history; }

    public Settings settings() { return settings; }

    public void start(ScheduledExecutorService scheduler) {
        ticks = scheduler.scheduleWithFixedDelay(this::tick, 0, settings.interval().toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Hands a poll to the worker unless one is still running. Never throws: that would end the schedule. */
    void tick() {
        if (!polling.compareAndSet(false, true)) return;
        try {
            worker.execute(() -> {
                try {
                    pollOnce();
                } catch (RuntimeException e) {
                    System.err.println("portoser web: uptime: " + e.getMessage());
                } finally {
                    polling.set(false);
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            polling.set(false); // stopping
        }
    }

    /** One poll of every service: records each check, publishes a `status` event per change. */
    public void pollOnce() {
        StatusReport report = collector.collect(registry.get(), Set.of(), Set.of());
        // Stopping interrupts a poll in flight: its "unknown" states are about us, not the services.
        if (closed || Thread.currentThread().isInterrupted()) return;
        long now = System.currentTimeMillis();
        for (ServiceStatus s : report.services()) {
            Transition t = history.record(new Check(now, s.name(), s.host(), s.state(), Check.up(s.state()), detail(s)));
            if (t != null) events.publish("status", t.event());
        }
    }

    /** What status says about the service, else what its health check said ("connection refused", "HTTP 500"). */
    static String detail(ServiceStatus s) {
        if (s.detail() != null) return s.detail();
        return s.health() == null || s.health().detail() == null ? null : s.health().kind() + " check: " + s.health().detail();
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> t = ticks;
        if (t != null) t.cancel(false);
        worker.shutdownNow();
        // A poll already running finishes its write before close() returns: nothing writes after the server stopped.
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

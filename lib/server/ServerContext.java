package lib.server;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import lib.exec.Executor;
import lib.server.events.EventHub;

/**
 * What every API group gets: the (reloading) registry, $PORTOSER_HOME, one long-lived executor (its SSH
 * connections are pooled across requests), the event hub, a scheduler for periodic work, and a place for
 * components several groups share (the background deploy jobs, say), made once on first use.
 */
public final class ServerContext implements AutoCloseable {
    private final RegistrySource registry;
    private final Path home;
    private final Executor executor;
    private final EventHub events;
    private final ScheduledExecutorService scheduler;
    private final Map<Class<?>, Object> shared = new ConcurrentHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();

    public ServerContext(RegistrySource registry, Path home, Executor executor, EventHub events, ScheduledExecutorService scheduler) {
        this.registry = registry;
        this.home = home;
        this.executor = executor;
        this.events = events;
        this.scheduler = scheduler;
    }

    public RegistrySource registry() { return registry; }

    public Path home() { return home; }

    public Executor executor() { return executor; }

    public EventHub events() { return events; }

    public ScheduledExecutorService scheduler() { return scheduler; }

    /** The one instance of {@code type} for this server, made by {@code make} on first use. */
    @SuppressWarnings("unchecked")
    public <T> T shared(Class<T> type, Supplier<T> make) {
        return (T) shared.computeIfAbsent(type, k -> make.get());
    }

    /** Closed when the server stops, last registered first. */
    public synchronized void onStop(AutoCloseable c) { closeables.add(c); }

    @Override
    public synchronized void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception ignored) {
                // Stopping: one component failing to close must not keep the others open.
            }
        }
        closeables.clear();
    }
}

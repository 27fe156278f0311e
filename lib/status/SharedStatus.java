package lib.status;

import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import lib.registry.Registry;

/**
 * Status for many callers at once (the web API under a burst of requests, several browser tabs): a caller asking
 * for the same selection of the same registry while a collection is running waits for that one instead of probing
 * every host again. Nothing is cached: once a collection ends, the next caller starts a fresh one, so an answer is
 * never older than one probe that was already under way when it was asked for.
 */
public final class SharedStatus {
    private final StatusCollector collector;
    private final Map<Key, CompletableFuture<StatusReport>> running = new ConcurrentHashMap<>();

    public SharedStatus(StatusCollector collector) {
        this.collector = collector;
    }

    public StatusReport collect(Registry registry, Set<String> services, Set<String> hosts) {
        Key key = new Key(registry, Set.copyOf(services), Set.copyOf(hosts));
        CompletableFuture<StatusReport> mine = new CompletableFuture<>();
        CompletableFuture<StatusReport> other = running.putIfAbsent(key, mine);
        if (other != null) return join(other);
        try {
            mine.complete(collector.collect(registry, services, hosts));
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            running.remove(key, mine);
        }
        return mine.join();
    }

    private static StatusReport join(CompletableFuture<StatusReport> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw e;
        }
    }

    /** The same registry object (a reload makes a new one), the same selection. */
    private record Key(Registry registry, Set<String> services, Set<String> hosts) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.registry == registry && k.services.equals(services) && k.hosts.equals(hosts);
        }

        @Override
        public int hashCode() { return Objects.hash(System.identityHashCode(registry), services, hosts); }
    }
}

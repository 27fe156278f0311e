package lib.server.events;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import lib.util.Json;

/**
 * Where everything live goes: deploy log lines, phases, problems, actions, status changes, metric samples.
 * Keeps the last {@code capacity} events for `Last-Event-ID` resume. Each subscriber has its own bounded queue;
 * a subscriber whose queue is full is dropped (it can reconnect and resume) so a slow client never blocks
 * {@link #publish} or the other clients.
 *
 * Event types and their data (snake_case JSON): `log` {deploy_id, service, host, line}; `phase` {deploy_id,
 * service, host, phase, ok, duration_ms, detail}; `problem` {deploy_id, service, host, fingerprint, summary,
 * evidence}; `action` {deploy_id, service, host, description, done}; `deploy` {deploy_id, kind, state, ...};
 * `status` {service, host, state, healthy}; `metric` {host, ...sample}; `registry` {generation}.
 */
public final class EventHub {
    /** A live subscription: take events from {@link #queue}; {@link #dropped} turns true when it fell behind. */
    public final class Subscription implements AutoCloseable {
        private final BlockingQueue<Event> queue;
        private volatile boolean dropped;

        Subscription(int size) { queue = new ArrayBlockingQueue<>(size); }

        public BlockingQueue<Event> queue() { return queue; }

        public boolean dropped() { return dropped; }

        void offer(Event e) {
            if (dropped) return;
            if (!queue.offer(e)) {
                dropped = true;
                subscribers.remove(this);
            }
        }

        @Override
        public void close() { subscribers.remove(this); }
    }

    private final int capacity;
    private final int subscriberQueue;
    private final Deque<Event> recent = new ArrayDeque<>();
    private final List<Subscription> subscribers = new CopyOnWriteArrayList<>();
    private long nextId = 1;

    public EventHub(int capacity, int subscriberQueue) {
        this.capacity = capacity;
        this.subscriberQueue = subscriberQueue;
    }

    public EventHub() { this(2000, 1000); }

    /** Publishes one event; {@code data} is turned into JSON here. Never blocks on subscribers. */
    public Event publish(String type, Object data) {
        String json = Json.MAPPER.valueToTree(data).toString();
        Event e;
        synchronized (this) {
            e = new Event(nextId++, type, json, System.currentTimeMillis());
            recent.addLast(e);
            while (recent.size() > capacity) recent.removeFirst();
            // Delivered inside the lock so every subscriber sees events in id order.
            for (Subscription s : subscribers) s.offer(e);
        }
        return e;
    }

    /**
     * Subscribes; events after {@code lastEventId} still in the buffer are queued first (0: none). When the
     * buffer no longer reaches back that far, {@link #gap} tells the caller some were lost.
     */
    public synchronized Subscription subscribe(long lastEventId) {
        Subscription s = new Subscription(subscriberQueue);
        if (lastEventId > 0) for (Event e : recent) if (e.id() > lastEventId) s.offer(e);
        subscribers.add(s);
        return s;
    }

    /** True when events after {@code lastEventId} were already pushed out of the buffer. */
    public synchronized boolean gap(long lastEventId) {
        return lastEventId > 0 && !recent.isEmpty() && recent.peekFirst().id() > lastEventId + 1;
    }

    /** The buffered events after {@code lastEventId}, oldest first. */
    public synchronized List<Event> since(long lastEventId) {
        List<Event> out = new ArrayList<>();
        for (Event e : recent) if (e.id() > lastEventId) out.add(e);
        return out;
    }

    public int subscriberCount() { return subscribers.size(); }
}

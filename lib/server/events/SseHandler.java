package lib.server.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lib.server.ApiError;
import lib.server.Gate;
import lib.server.Scope;
import lib.util.Json;

/**
 * GET /api/events: the {@link EventHub} as Server-Sent Events. The request thread only admits the caller and
 * sends the headers; each client then gets its own writer thread, so streams never hold the API's bounded pool.
 * Resumes after {@code Last-Event-ID} (header, or {@code ?last_event_id=} for clients that cannot set it) from
 * the hub's buffer, saying {@code event: gap} when the buffer no longer reaches back. A comment line every
 * heartbeat keeps proxies from timing the stream out. A client that falls behind is dropped by the hub, and one
 * whose socket stops taking data is cut off: its writer is interrupted, which closes the socket under it.
 */
public final class SseHandler implements HttpHandler, AutoCloseable {
    public static final String PATH = "/api/events";

    private final EventHub hub;
    private final Gate gate;
    private final long heartbeatMs;
    private final long stallMs;
    private final int maxClients;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService reaper;
    private final AtomicInteger names = new AtomicInteger();
    private volatile boolean closed;

    public SseHandler(EventHub hub, Gate gate, long heartbeatMs, long stallMs, int maxClients) {
        this.hub = hub;
        this.gate = gate;
        this.heartbeatMs = heartbeatMs;
        this.stallMs = stallMs;
        this.maxClients = maxClients;
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "sse-reaper");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(50, Math.min(1000, stallMs / 4));
        reaper.scheduleWithFixedDelay(this::reap, every, every, TimeUnit.MILLISECONDS);
    }

    /** Streams open right now. */
    public int clients() { return clients.size(); }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getRawPath();
        String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
        try {
            if (!path.equals(PATH) && !path.equals(PATH + "/")) throw ApiError.notFound("no API route " + path + " (see GET /api/ for the list)");
            if (!method.equals("GET")) throw new ApiError(405, "method_not_allowed", method + " is not allowed on " + PATH + " (allowed: GET)", null, null);
            gate.admit(ex, null, Scope.READ);
            if (closed) throw new ApiError(503, "stopping", "the server is stopping", null, null);
            if (clients.size() >= maxClients) throw new ApiError(503, "busy", "too many event streams open (" + maxClients + ")", null, null);
            start(ex, lastEventId(ex));
        } catch (ApiError e) {
            fail(ex, e);
        }
    }

    private void start(HttpExchange ex, long last) throws IOException {
        EventHub.Subscription sub = hub.subscribe(last);
        // Checked after subscribing: an event published in between is then in the queue, never silently lost.
        boolean gap = hub.gap(last);
        ex.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Accel-Buffering", "no");
        // A stream that ends (dropped, stalled, server stopping) must take its connection with it, not leave it
        // idling in keep-alive: the client reconnects with Last-Event-ID.
        ex.getResponseHeaders().set("Connection", "close");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        try {
            ex.sendResponseHeaders(200, 0);
        } catch (IOException e) {
            sub.close();
            ex.close();
            throw e;
        }
        Client c = new Client(ex, sub, gap ? last : -1);
        clients.add(c);
        c.thread.start();
    }

    /** Last-Event-ID header, else ?last_event_id=; 0 (live events only) when absent or not a number. */
    static long lastEventId(HttpExchange ex) {
        String v = ex.getRequestHeaders().getFirst("Last-Event-ID");
        if (v == null) {
            String q = ex.getRequestURI().getRawQuery();
            if (q != null) for (String pair : q.split("&")) if (pair.startsWith("last_event_id=")) v = pair.substring(14);
        }
        try {
            return v == null ? 0 : Math.max(0, Long.parseLong(v.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Cuts off clients the hub dropped and clients whose socket has refused data for longer than the stall limit. */
    private void reap() {
        long now = System.nanoTime();
        for (Client c : clients) {
            long since = c.writingSince;
            if (c.sub.dropped() || (since != 0 && now - since > stallMs * 1_000_000L)) c.thread.interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        reaper.shutdownNow();
        List<Client> all = new ArrayList<>(clients);
        for (Client c : all) c.thread.interrupt();
        for (Client c : all) {
            try {
                c.thread.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static void fail(HttpExchange ex, ApiError e) throws IOException {
        byte[] b = Json.MAPPER.writeValueAsBytes(e.body());
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.sendResponseHeaders(e.status(), b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
        ex.close();
    }

    /** One stream: its exchange, its subscription and the thread writing to it. */
    private final class Client implements Runnable {
        final HttpExchange ex;
        final EventHub.Subscription sub;
        final long gapAfter;
        final Thread thread;
        /** System.nanoTime() when the current write began; 0 between writes. */
        volatile long writingSince;

        Client(HttpExchange ex, EventHub.Subscription sub, long gapAfter) {
            this.ex = ex;
            this.sub = sub;
            this.gapAfter = gapAfter;
            this.thread = new Thread(this, "sse-" + names.incrementAndGet());
            thread.setDaemon(true);
        }

        @Override
        public void run() {
            try {
                OutputStream out = ex.getResponseBody();
                StringBuilder first = new StringBuilder("retry: 3000\n: connected\n\n");
                if (gapAfter >= 0) first.append("event: gap\ndata: ").append("{\"last_event_id\":").append(gapAfter).append("}\n\n");
                write(out, first.toString());
                List<Event> batch = new ArrayList<>();
                while (!closed && !sub.dropped()) {
                    Event e = sub.queue().poll(heartbeatMs, TimeUnit.MILLISECONDS);
                    if (e == null) {
                        write(out, ": ping\n\n");
                        continue;
                    }
                    batch.clear();
                    batch.add(e);
                    sub.queue().drainTo(batch, 255);
                    StringBuilder sb = new StringBuilder();
                    for (Event x : batch) sb.append(x.sse());
                    write(out, sb.toString());
                }
            } catch (IOException | InterruptedException gone) {
                // The client left, fell behind or stalled, or the server is stopping: end this stream.
            } finally {
                sub.close();
                clients.remove(this);
                // An interrupted write has already closed the socket; close() then only tidies up.
                Thread.interrupted();
                try {
                    ex.close();
                } catch (RuntimeException ignored) {
                    // Closing a dead connection may complain; it is closed either way.
                }
            }
        }

        private void write(OutputStream out, String text) throws IOException {
            writingSince = System.nanoTime();
            try {
                out.write(text.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } finally {
                writingSince = 0;
            }
        }
    }
}

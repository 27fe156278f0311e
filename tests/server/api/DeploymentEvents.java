package server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.stream.Stream;
import lib.util.Json;

/** GET /api/events read over real HTTP as a client would: each SSE event kept as (type, data). */
final class DeploymentEvents implements AutoCloseable {
    record Ev(String type, JsonNode data) {
        String str(String field) { return data.path(field).asText(null); }
    }

    private final List<Ev> seen = new ArrayList<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private volatile Stream<String> lines;

    DeploymentEvents(URI base, String token) {
        HttpRequest req = HttpRequest.newBuilder(base.resolve("/api/events")).header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream").build();
        response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().sendAsync(req, HttpResponse.BodyHandlers.ofLines());
        Thread t = new Thread(this::read, "test-sse");
        t.setDaemon(true);
        t.start();
    }

    private void read() {
        try {
            HttpResponse<Stream<String>> r = response.get();
            lines = r.body();
            String type = null;
            StringBuilder data = new StringBuilder();
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.startsWith("event: ")) type = line.substring(7);
                else if (line.startsWith("data: ")) data.append(line.substring(6));
                else if (line.isEmpty() && type != null) {
                    JsonNode d = Json.MAPPER.readTree(data.toString());
                    synchronized (this) {
                        seen.add(new Ev(type, d));
                        notifyAll();
                    }
                    type = null;
                    data.setLength(0);
                }
            }
        } catch (Exception e) {
            // stream closed: the test reads what came
        }
    }

    /** Events so far of this type for this deploy. */
    synchronized List<Ev> of(String type, String deployId) {
        return seen.stream().filter(e -> e.type().equals(type) && deployId.equals(e.str("deploy_id"))).toList();
    }

    /** Waits until an event matches. */
    synchronized Ev await(Predicate<Ev> p, Duration max) throws InterruptedException {
        long end = System.nanoTime() + max.toNanos();
        while (true) {
            for (Ev e : seen) if (p.test(e)) return e;
            long left = (end - System.nanoTime()) / 1_000_000;
            if (left <= 0) throw new AssertionError("no such event within " + max + "; saw " + seen);
            wait(left);
        }
    }

    /** Waits until the stream is connected (the server answered its headers). */
    DeploymentEvents connected() throws Exception {
        response.get(10, java.util.concurrent.TimeUnit.SECONDS);
        return this;
    }

    @Override
    public void close() {
        Stream<String> l = lines;
        if (l != null) l.close();
        response.cancel(true);
    }

    synchronized List<Ev> all() { return new ArrayList<>(seen); }
}

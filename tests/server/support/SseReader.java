package server.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A client of GET /api/events that keeps reading: every event (and comment) parsed into a queue as it arrives. */
public final class SseReader implements AutoCloseable {
    /** One SSE message: id (-1 if none), event type, data; comments come as type "comment". */
    public record Message(long id, String type, String data) {}

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    public final BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
    public final int status;
    private final InputStream body;
    private final Thread reader;
    private volatile boolean ended;

    private SseReader(HttpResponse<InputStream> r) {
        status = r.statusCode();
        body = r.body();
        reader = new Thread(this::read, "sse-test-reader");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens the stream; {@code query} may be "" or "?last_event_id=N"; {@code lastEventId} null: no header. */
    public static SseReader open(int port, String token, String query, Long lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/events" + query)).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("Authorization", "Bearer " + token);
        if (lastEventId != null) b.header("Last-Event-ID", lastEventId.toString());
        return new SseReader(CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /** The next event that is not a comment, waiting at most {@code seconds}; null on timeout. */
    public Message nextEvent(double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            Message m = messages.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null || !m.type().equals("comment")) return m;
        }
    }

    /** The next event of this type, skipping others (the server's own pollers publish status and metric events). */
    public Message next(String type, double seconds) throws InterruptedException {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        while (true) {
            Message m = nextEvent(Math.max(0, (deadline - System.nanoTime()) / 1e9));
            if (m == null || m.type().equals(type)) return m;
        }
    }

    public boolean ended() { return ended; }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            long id = -1;
            String type = "message";
            StringBuilder data = null;
            for (String line; (line = in.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (data != null) messages.add(new Message(id, type, data.toString()));
                    id = -1;
                    type = "message";
                    data = null;
                } else if (line.startsWith(":")) {
                    messages.add(new Message(-1, "comment", line.substring(1).strip()));
                } else if (line.startsWith("id: ")) {
                    id = Long.parseLong(line.substring(4));
                } else if (line.startsWith("event: ")) {
                    type = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data = data == null ? new StringBuilder(line.substring(6)) : data.append('\n').append(line.substring(6));
                }
            }
        } catch (IOException gone) {
            // The server closed the stream or we did.
        } finally {
            ended = true;
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException ignored) {
            // Closing is all we wanted.
        }
        reader.interrupt();
    }
}

package server;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import lib.server.events.EventHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.Registries;
import server.support.SseReader;
import server.support.SseReader.Message;
import server.support.WebFixture;

/**
 * GET /api/events over real HTTP: delivery, Last-Event-ID resume (header and query), the gap notice, heartbeats,
 * auth, a client that stops reading being cut off while another keeps every event, and streams never starving
 * the API's request pool.
 */
class SseTest {
    static final String[] PROPS = {"heartbeatMs", "eventQueue", "eventBuffer", "stallMs"};

    @TempDir
    Path tmp;
    WebFixture web;
    EventHub hub;

    @BeforeEach
    void start() throws Exception {
        System.setProperty("portoser.web.heartbeatMs", "300");
        System.setProperty("portoser.web.eventQueue", "64");
        System.setProperty("portoser.web.eventBuffer", "20");
        System.setProperty("portoser.web.stallMs", "3000");
        web = WebFixture.start(Registries.minimal(tmp));
        hub = web.app().context().events();
    }

    @AfterEach
    void stop() {
        web.close();
        for (String p : PROPS) System.clearProperty("portoser.web." + p);
    }

    int port() { return web.app().port(); }

    @Test
    void deliversEventsAsTheyArePublished() throws Exception {
        try (SseReader r = SseReader.open(port(), web.token(Scope.READ), "", null)) {
            assertEquals(200, r.status);
            waitFor(() -> web.app().eventStreams() == 1);
            long first = hub.publish("log", Map.of("deploy_id", "d1", "service", "web", "host", "h", "line", "web  | hello")).id();
            hub.publish("phase", Map.of("deploy_id", "d1", "service", "web", "phase", "up", "ok", true));
            Message a = r.next("log", 5), b = r.next("phase", 5);
            assertEquals(first, a.id());
            assertTrue(a.data().contains("\"line\":\"web  | hello\""), a.data());
            assertEquals("phase", b.type());
            assertEquals(first + 1, b.id());
        }
    }

    @Test
    void resumesAfterLastEventIdFromTheHeaderOrTheQuery() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) ids.add(hub.publish("log", Map.of("line", "n" + i)).id());
        try (SseReader r = SseReader.open(port(), web.token(Scope.READ), "", ids.get(1))) {
            for (int i = 2; i < 5; i++) assertEquals(ids.get(i), r.next("log", 5).id());
            long live = hub.publish("log", Map.of("line", "live")).id();
            assertEquals(live, r.next("log", 5).id());
        }
        try (SseReader r = SseReader.open(port(), web.token(Scope.READ), "?last_event_id=" + ids.get(3), null)) {
            Message m = r.next("log", 5);
            assertEquals(ids.get(4), m.id());
            assertTrue(m.data().contains("n4"));
        }
    }

    @Test
    void saysGapWhenTheBufferNoLongerReachesBack() throws Exception {
        long firstId = hub.publish("log", Map.of("line", "0")).id();
        for (int i = 1; i < 50; i++) hub.publish("log", Map.of("line", "" + i));
        try (SseReader r = SseReader.open(port(), web.token(Scope.READ), "", firstId)) {
            Message gap = r.nextEvent(5);
            assertEquals("gap", gap.type(), gap.toString());
            assertTrue(gap.data().contains("\"last_event_id\":" + firstId), gap.data());
            Message next = r.next("log", 5);
            assertTrue(next.id() >= firstId + 30, "only the newest 20 are kept: " + next);
        }
    }

    @Test
    void sendsHeartbeats() throws Exception {
        try (SseReader r = SseReader.open(port(), web.token(Scope.READ), "", null)) {
            long until = System.nanoTime() + 3_000_000_000L;
            int pings = 0;
            while (System.nanoTime() < until && pings < 2) {
                Message m = r.messages.poll(3, java.util.concurrent.TimeUnit.SECONDS);
                if (m != null && m.type().equals("comment") && m.data().equals("ping")) pings++;
            }
            assertEquals(2, pings);
        }
    }

    @Test
    void needsReadAccessAndTheRightPath() throws Exception {
        try (SseReader r = SseReader.open(port(), null, "", null)) {
            assertEquals(401, r.status);
        }
        try (SseReader r = SseReader.open(port(), "pt_wrong", "", null)) {
            assertEquals(401, r.status);
        }
        assertEquals(404, web.get("/api/eventsx", Scope.READ).status());
        assertEquals(405, web.send("POST", "/api/events", web.token(Scope.ADMIN), null, null, Map.of()).status());
    }

    @Test
    void aClientThatStopsReadingIsDroppedWhileAnotherKeepsEveryEvent() throws Exception {
        try (Socket stalled = new Socket(); SseReader fast = SseReader.open(port(), web.token(Scope.READ), "", null)) {
            stalled.setReceiveBufferSize(4096);
            stalled.connect(new InetSocketAddress("127.0.0.1", port()));
            stalled.getOutputStream().write(("GET /api/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + web.token(Scope.READ) + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            waitFor(() -> web.app().eventStreams() == 2);
            String payload = "x".repeat(4000);
            long lastSeen = 0;
            int batches = 0;
            // Until the hub drops the stalled subscriber (its queue is full); cutting off its socket follows (below).
            while (hub.subscriberCount() == 2 && batches++ < 400) {
                long last = 0;
                for (int i = 0; i < 16; i++) last = hub.publish("log", Map.of("line", payload, "n", i)).id();
                // The fast client keeps up: every event, in order, before the next batch.
                while (lastSeen < last) {
                    Message m = fast.nextEvent(10);
                    assertNotNull(m, "fast client starved at event " + lastSeen);
                    assertEquals(lastSeen == 0 ? m.id() : lastSeen + 1, m.id(), "no event skipped");
                    lastSeen = m.id();
                }
            }
            waitFor(() -> web.app().eventStreams() == 1);
            assertTrue(batches < 400, "the stalled client was never dropped");
            // Still delivering to the one that reads.
            long after = hub.publish("log", Map.of("line", "after")).id();
            Message m;
            do m = fast.nextEvent(5); while (m != null && m.id() < after);
            assertNotNull(m);
            assertEquals(after, m.id());
            // The stalled one's connection was closed: draining it ends.
            stalled.setSoTimeout(10_000);
            InputStream in = stalled.getInputStream();
            byte[] buf = new byte[65536];
            try {
                while (in.read(buf) >= 0) { /* drain to the end */ }
            } catch (java.net.SocketException reset) {
                // A reset is a close too.
            }
        }
    }

    @Test
    void openStreamsDoNotStarveTheApi() throws Exception {
        List<SseReader> streams = new ArrayList<>();
        try {
            // More streams than the API has worker threads (32).
            for (int i = 0; i < 40; i++) streams.add(SseReader.open(port(), web.token(Scope.READ), "", null));
            waitFor(() -> web.app().eventStreams() == 40);
            long t0 = System.nanoTime();
            assertEquals(200, web.get("/api/", Scope.READ).status());
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "the API answered quickly");
            long id = hub.publish("log", Map.of("line", "all")).id();
            for (SseReader s : streams) assertEquals(id, s.next("log", 5).id());
        } finally {
            streams.forEach(SseReader::close);
        }
        waitFor(() -> web.app().eventStreams() == 0);
    }

    @Test
    void stoppingTheServerEndsTheStreams() throws Exception {
        SseReader r = SseReader.open(port(), web.token(Scope.READ), "", null);
        waitFor(() -> web.app().eventStreams() == 1);
        long t0 = System.nanoTime();
        web.app().close();
        assertTrue(System.nanoTime() - t0 < 5_000_000_000L, "close did not wait on the open stream");
        waitFor(r::ended);
        r.close();
    }

    static void waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long until = System.nanoTime() + 20_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > until) fail("condition not met within 20 s");
            Thread.sleep(20);
        }
    }
}

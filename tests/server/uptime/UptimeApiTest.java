package server.uptime;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import lib.server.events.Event;
import lib.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.metrics.Await;
import server.support.WebFixture;

/**
 * Uptime of a real local service (busybox httpd, its PID file where `status` looks, a TCP health check) polled by a
 * real server every 300 ms: killing it gives one `status` event with healthy:false and a transition in the
 * history; starting it again gives healthy:true; no event while nothing changes.
 */
class UptimeApiTest {
    @TempDir
    Path dir;
    Process httpd;
    int port;

    @AfterEach
    void stop() throws Exception {
        if (httpd != null) {
            httpd.destroyForcibly();
            httpd.waitFor();
        }
    }

    Path registry() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Files.createDirectories(dir.resolve("services/web"));
        Files.writeString(dir.resolve("services/web/service.yml"), "start: exec busybox httpd -f -p 127.0.0.1:" + port + " -h .\n");
        Path file = dir.resolve("registry.yml");
        Files.writeString(file, """
                hosts:
                  here: {ip: 127.0.0.1, path: %s}
                services:
                  web: {current_host: here, deployment_type: local, service_file: services/web/service.yml, port: %d, healthcheck: {tcp: %d}}
                """.formatted(dir.resolve("host"), port, port));
        return file;
    }

    /** Starts the service as its runner would leave it: a process holding the port, its PID in the PID file. */
    void startService() throws Exception {
        httpd = new ProcessBuilder("busybox", "httpd", "-f", "-p", "127.0.0.1:" + port, "-h", dir.toString()).redirectErrorStream(true).start();
        Await.until("httpd listening on " + port, Duration.ofSeconds(10), UptimeApiTest.this::listening, b -> b);
        // The PID file last, as a runner writes it once the process is up: no poll sees it half started.
        Path run = Files.createDirectories(dir.resolve("host/.portoser/run"));
        Files.writeString(run.resolve("web.pid"), httpd.pid() + "\n");
    }

    boolean listening() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    static List<JsonNode> statusEvents(WebFixture web, String service) {
        return web.app().context().events().since(0).stream().filter(e -> e.type().equals("status")).map(UptimeApiTest::json)
                .filter(n -> n.get("service").asText().equals(service)).toList();
    }

    static JsonNode json(Event e) {
        try {
            return Json.MAPPER.readTree(e.json());
        } catch (IOException x) {
            throw new AssertionError(x);
        }
    }

    static JsonNode web(WebFixture web) {
        WebFixture.Reply r = web.get("/api/uptime", Scope.READ);
        assertEquals(200, r.status(), r::toString);
        return r.json().get("services").get(0);
    }

    @Test
    void aKilledServiceIsOneChangeToUnhealthyAndARestartOneBack() throws Exception {
        Path registry = registry();
        startService();
        Await.withProperties(Map.of("portoser.uptime.interval", "300", "portoser.metrics.interval", "0"), () -> {
            try (WebFixture web = WebFixture.start(registry)) {
                JsonNode up = Await.until("web healthy", Duration.ofSeconds(20), () -> web(web), n -> "healthy".equals(n.get("state").asText()));
                assertTrue(up.get("healthy").asBoolean());
                assertEquals("here", up.get("host").asText());
                assertEquals(100.0, up.get("uptime_pct").asDouble());

                httpd.destroyForcibly();
                httpd.waitFor();
                long killedAt = System.currentTimeMillis();
                // A poll can catch the moment between the process check and the TCP check: healthy → unhealthy →
                // stopped is then two real changes. Either way the first event after the kill says healthy:false.
                List<JsonNode> events = Await.until("a status event saying web is stopped", Duration.ofSeconds(20), () -> statusEvents(web, "web"),
                        l -> l.stream().anyMatch(n -> n.get("state").asText().equals("stopped")));
                assertTrue(events.get(0).get("healthy").asBoolean(), "the first event is the first check: " + events);
                assertTrue(events.get(0).get("previous").isNull());
                JsonNode down = events.get(1);
                assertFalse(down.get("healthy").asBoolean(), down::toString);
                assertEquals("healthy", down.get("previous").asText());
                assertEquals("here", down.get("host").asText());
                assertTrue(down.get("ts").asLong() >= killedAt, down::toString);
                assertFalse(down.get("detail").isNull(), "says why: " + down);

                JsonNode detail = web.get("/api/uptime/web", Scope.READ).json();
                assertEquals("stopped", detail.get("state").asText(), detail::toString);
                assertFalse(detail.get("healthy").asBoolean());
                JsonNode tr = detail.get("transitions");
                assertTrue(tr.get(0).get("from").isNull());
                assertEquals("healthy", tr.get(0).get("to").asText());
                assertEquals("healthy", tr.get(1).get("from").asText());
                assertEquals("stopped", tr.get(tr.size() - 1).get("to").asText());
                for (int i = 1; i < tr.size(); i++) assertEquals(tr.get(i - 1).get("to"), tr.get(i).get("from"), "a chain of changes: " + tr);
                assertEquals(tr.get(tr.size() - 1).get("ts"), detail.get("last_change"));
                double pct = detail.get("uptime_pct").asDouble();
                assertTrue(pct > 0 && pct < 100, "some checks up, the last one down: " + pct);
                assertTrue(detail.get("checks").size() >= 2 && detail.get("checks").size() == detail.get("check_count").asInt(), detail::toString);
                long cut = tr.get(tr.size() - 1).get("ts").asLong();
                for (JsonNode c : web.get("/api/uptime/web?since=" + (cut - 1), Scope.READ).json().get("checks"))
                    assertEquals("stopped", c.get("state").asText(), "checks since the change are all down");

                int before = statusEvents(web, "web").size();
                startService();
                List<JsonNode> after = Await.until("a status event saying web is back", Duration.ofSeconds(20), () -> statusEvents(web, "web"),
                        l -> l.size() > before && l.get(l.size() - 1).get("state").asText().equals("healthy"));
                assertTrue(after.get(before).get("healthy").asBoolean(), "the first change after the restart is up again: " + after);
                int checksThen = web(web).get("check_count").asInt();
                Await.until("several more checks", Duration.ofSeconds(20), () -> web(web).get("check_count").asInt(), n -> n >= checksThen + 3);
                List<JsonNode> all = statusEvents(web, "web");
                assertEquals(after.size(), all.size(), "no event while the state stays the same: " + all);
                JsonNode back = web(web);
                assertEquals("healthy", back.get("state").asText());
                assertEquals(all.size(), web.get("/api/uptime/web", Scope.READ).json().get("transitions").size(), "one event per change");
                assertEquals(all.size(), Files.readString(web.home().resolve("uptime/web.transitions.jsonl")).lines().count(), "changes are on disk");
                assertTrue(Files.exists(web.home().resolve("uptime/web.checks.jsonl")));

                WebFixture.Reply unknown = web.get("/api/uptime/nope", Scope.READ);
                assertEquals(404, unknown.status(), unknown::toString);
                assertTrue(unknown.json().get("detail").asText().contains("'nope'"));
                assertEquals(400, web.get("/api/uptime/web?since=soon", Scope.READ).status());
                assertEquals(401, web.get("/api/uptime", (String) null).status());
            }
            return null;
        });
    }
}

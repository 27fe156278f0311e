package server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import lib.server.events.Event;
import lib.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.Registries;
import server.support.WebFixture;

/**
 * GET /api/metrics over real HTTP against a real server sampling this machine (a 127.0.0.1 host runs the
 * command directly) every 300 ms: samples, `metric` events, since, errors, auth, and the history surviving a
 * restart of the server.
 */
class MetricsApiTest {
    @TempDir
    Path dir;

    static final Map<String, String> FAST = Map.of("portoser.metrics.interval", "300", "portoser.uptime.interval", "0");

    static JsonNode series(WebFixture web, String path) {
        WebFixture.Reply r = web.get(path, Scope.READ);
        assertEquals(200, r.status(), r::toString);
        return r.json().get("series");
    }

    @Test
    void samplesThisMachineAndServesTheSeries() throws Exception {
        Path registry = Registries.minimal(dir);
        Path home = dir.resolve("home");
        long firstTs = Await.withProperties(FAST, () -> {
            try (WebFixture web = WebFixture.start(registry, home, false)) {
                JsonNode s = Await.until("3 samples of host local", Duration.ofSeconds(20),
                        () -> series(web, "/api/metrics/local"), a -> a.size() >= 3);
                JsonNode latest = s.get(s.size() - 1);
                assertTrue(latest.get("reachable").asBoolean(), latest::toString);
                assertTrue(latest.get("error").isNull());
                double cpu = latest.get("cpu").asDouble(-1);
                assertTrue(cpu >= 0 && cpu <= 100, "cpu from two real readings: " + latest);
                assertTrue(s.get(0).get("cpu").isNull(), "the very first sample has no cpu: " + s.get(0));
                assertTrue(latest.get("load1").isNumber() && latest.get("load15").isNumber(), latest::toString);
                double mem = latest.get("mem_used_pct").asDouble();
                assertTrue(mem > 0 && mem <= 100, latest::toString);
                assertTrue(latest.get("mem_total_bytes").asLong() > 1 << 20, latest::toString);
                assertTrue(latest.get("disk_used_pct").asDouble() > 0, latest::toString);
                assertEquals(dir.toString(), latest.get("disk_path").asText(), "the nearest existing folder of the host's path");
                assertEquals(Runtime.getRuntime().availableProcessors(), latest.get("cpus").asInt());
                for (int i = 1; i < s.size(); i++) assertTrue(s.get(i).get("ts").asLong() > s.get(i - 1).get("ts").asLong(), "oldest first");

                JsonNode all = web.get("/api/metrics", Scope.READ).json();
                assertEquals(300, all.get("interval_ms").asInt());
                assertEquals("local", all.get("hosts").get(0).get("host").asText());
                assertTrue(all.get("hosts").get(0).get("latest").get("ts").asLong() >= latest.get("ts").asLong());

                long cut = s.get(1).get("ts").asLong();
                JsonNode after = series(web, "/api/metrics/local?since=" + cut);
                assertTrue(after.size() >= 1);
                for (JsonNode n : after) assertTrue(n.get("ts").asLong() > cut, "since is exclusive: " + n);
                JsonNode iso = series(web, "/api/metrics/local?since=" + Instant.ofEpochMilli(cut));
                assertEquals(after.get(0).get("ts"), iso.get(0).get("ts"), "ISO-8601 since means the same moment");

                List<Event> metricEvents = web.app().context().events().since(0).stream().filter(e -> e.type().equals("metric")).toList();
                assertTrue(metricEvents.size() >= 3, "every sample is also an event: " + metricEvents.size());
                JsonNode ev = Json.MAPPER.readTree(metricEvents.get(metricEvents.size() - 1).json());
                assertEquals("local", ev.get("host").asText());
                assertTrue(ev.has("cpu") && ev.has("load1") && ev.has("mem_used_pct") && ev.has("disk_used_pct"), ev::toString);

                assertTrue(Files.readAllLines(home.resolve("metrics/local.jsonl")).size() >= 3, "samples are on disk too");
                return s.get(0).get("ts").asLong();
            }
        });
        Await.withProperties(Map.of("portoser.metrics.interval", "60000", "portoser.uptime.interval", "0"), () -> {
            try (WebFixture again = WebFixture.start(registry, home, false)) {
                // The same home holds the first server's test tokens: this one gets a token of its own name.
                String token = again.app().tokens().create("restarted-read", Scope.READ).token();
                JsonNode s = again.get("/api/metrics/local", token).json().get("series");
                assertEquals(firstTs, s.get(0).get("ts").asLong(), "the restarted server has the samples of the one before: " + s);
                assertTrue(s.size() >= 3, "restored before the new server's first sample: " + s);
                Await.until("the new server's first sample after the restored ones", Duration.ofSeconds(20),
                        () -> again.get("/api/metrics/local", token).json().get("series"), a -> a.size() >= 4);
            }
            return null;
        });
    }

    @Test
    void badInputUnknownHostsAndMissingTokensAreRefused() throws Exception {
        Path registry = Registries.minimal(dir);
        Await.withProperties(Map.of("portoser.metrics.interval", "0", "portoser.uptime.interval", "0"), () -> {
            try (WebFixture web = WebFixture.start(registry)) {
                WebFixture.Reply none = web.get("/api/metrics", (String) null);
                assertEquals(401, none.status(), none::toString);
                WebFixture.Reply unknown = web.get("/api/metrics/nuc", Scope.READ);
                assertEquals(404, unknown.status(), unknown::toString);
                assertEquals("not_found", unknown.json().get("error").asText());
                assertTrue(unknown.json().get("detail").asText().contains("'nuc'") && unknown.json().get("detail").asText().contains("local"), unknown::toString);
                WebFixture.Reply bad = web.get("/api/metrics/local?since=yesterday", Scope.READ);
                assertEquals(400, bad.status(), bad::toString);
                assertEquals("since", bad.json().get("field").asText());
                WebFixture.Reply empty = web.get("/api/metrics", Scope.READ);
                assertEquals(200, empty.status());
                assertTrue(empty.json().get("hosts").get(0).get("latest").isNull(), "sampling off: no sample, not an error: " + empty);
                assertEquals(0, empty.json().get("hosts").get(0).get("series").size());
                String index = web.get("/api/", Scope.READ).body();
                assertTrue(index.contains("\"/api/metrics/{host}\"") && index.contains("\"/api/uptime/{service}\""), index);
            }
            return null;
        });
    }
}

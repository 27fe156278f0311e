package server.metrics;

import static org.junit.jupiter.api.Assertions.*;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import harness.TestHosts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.server.Scope;
import lib.server.events.Event;
import lib.util.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import server.support.WebFixture;

/**
 * The sampler against real sshd hosts (network namespaces): every host sampled each 300 ms over one pooled SSH
 * connection; one host's sshd really stopped gives `reachable: false` samples with the error while the others go
 * on, and the host is sampled again once its sshd is back.
 */
class MetricsOverSshTest {
    static TestHosts hosts;
    static Path registry;

    @BeforeAll
    static void hosts() throws Exception {
        assumeTrue(TestHosts.available(), "needs root, iproute2 and sshd");
        hosts = TestHosts.shared(2);
        // The harness registry (hosts only), beside its known_hosts.
        registry = hosts.registry();
    }

    static List<JsonNode> samples(WebFixture web, String host, long since) {
        WebFixture.Reply r = web.get("/api/metrics/" + host + "?since=" + since, Scope.READ);
        assertEquals(200, r.status(), r::toString);
        List<JsonNode> out = new ArrayList<>();
        r.json().get("series").forEach(out::add);
        return out;
    }

    static long reachableWithCpu(List<JsonNode> s) {
        return s.stream().filter(n -> n.get("reachable").asBoolean() && n.get("cpu").isNumber()).count();
    }

    @Test
    void samplesEveryHostOverOnePooledConnectionAndReportsAStoppedSshd() throws Exception {
        long[] loginsBefore = new long[hosts.count() + 1];
        for (int i = 1; i <= hosts.count(); i++) loginsBefore[i] = hosts.acceptedLogins(i);
        Await.withProperties(Map.of("portoser.metrics.interval", "300", "portoser.uptime.interval", "0"), () -> {
            try (WebFixture web = WebFixture.start(registry)) {
                for (int i = 1; i <= hosts.count(); i++) {
                    String h = hosts.name(i);
                    List<JsonNode> s = Await.until("4 samples with cpu from " + h, Duration.ofSeconds(30), () -> samples(web, h, 0), l -> reachableWithCpu(l) >= 4);
                    JsonNode last = s.get(s.size() - 1);
                    assertEquals(hosts.srv(i).toString(), last.get("disk_path").asText(), "df of the host's own path: " + last);
                    assertTrue(last.get("mem_used_pct").asDouble() > 0 && last.get("load1").isNumber(), last::toString);
                }
                for (int i = 1; i <= hosts.count(); i++) {
                    assertEquals(1, hosts.acceptedLogins(i) - loginsBefore[i], "every sample of " + hosts.name(i) + " went over one pooled connection");
                }

                long stoppedAt = System.currentTimeMillis();
                hosts.stopSshd(2);
                try {
                    List<JsonNode> down = Await.until("a refused sample of h2", Duration.ofSeconds(20), () -> samples(web, "h2", stoppedAt),
                            l -> l.stream().anyMatch(n -> !n.get("reachable").asBoolean() && n.get("error").asText().contains("refused")));
                    JsonNode refused = down.stream().filter(n -> !n.get("reachable").asBoolean()).reduce((a, b) -> b).orElseThrow();
                    assertTrue(refused.get("cpu").isNull() && refused.get("mem_used_pct").isNull(), refused::toString);
                    assertFalse(refused.get("error").asText().startsWith("h2:"), "the host is named once: " + refused);
                    List<JsonNode> h1 = Await.until("h1 still sampled", Duration.ofSeconds(10), () -> samples(web, "h1", refused.get("ts").asLong()),
                            l -> reachableWithCpu(l) >= 2);
                    assertTrue(h1.stream().allMatch(n -> n.get("reachable").asBoolean()), h1::toString);
                    JsonNode overview = web.get("/api/metrics", Scope.READ).json();
                    for (JsonNode h : overview.get("hosts")) {
                        if (h.get("host").asText().equals("h2")) assertFalse(h.get("latest").get("reachable").asBoolean(), h::toString);
                        else assertTrue(h.get("latest").get("reachable").asBoolean(), h::toString);
                    }
                    boolean eventSaysDown = web.app().context().events().since(0).stream().filter(e -> e.type().equals("metric"))
                            .map(MetricsOverSshTest::json).anyMatch(n -> n.get("host").asText().equals("h2") && !n.get("reachable").asBoolean());
                    assertTrue(eventSaysDown, "the unreachable sample is streamed too");
                } finally {
                    hosts.startSshd(2);
                }
                long back = System.currentTimeMillis();
                Await.until("h2 sampled again after its sshd came back", Duration.ofSeconds(20), () -> samples(web, "h2", back),
                        l -> l.stream().anyMatch(n -> n.get("reachable").asBoolean()));
                Path file = web.home().resolve("metrics/h2.jsonl");
                assertTrue(Files.readString(file).contains("\"reachable\":false"), "the outage is on disk");
            }
            return null;
        });
    }

    @Test
    void aHungHostHoldsUpNoOtherAndNothingIsWrittenAfterTheServerStopped() throws Exception {
        hosts.pauseSshd(3);
        try {
            Await.withProperties(Map.of("portoser.metrics.interval", "300", "portoser.uptime.interval", "0"), () -> {
                Path home;
                lib.server.events.EventHub hub;
                try (WebFixture web = WebFixture.start(registry)) {
                    home = web.home();
                    hub = web.app().context().events();
                    Await.until("5 samples of h1 while h3 hangs", Duration.ofSeconds(6), () -> samples(web, "h1", 0), l -> reachableWithCpu(l) >= 5);
                    assertTrue(samples(web, "h3", 0).isEmpty(), "h3 is still connecting (its sshd accepts but never answers)");
                }
                // h3 answers only now, after the server stopped: whatever its sample then says is about the stop,
                // not the host, and must be neither streamed nor written.
                hosts.resumeSshd(3);
                Thread.sleep(4000);
                Path h3 = home.resolve("metrics/h3.jsonl");
                assertFalse(Files.exists(h3) && !Files.readString(h3).isBlank(), "written after stop: " + (Files.exists(h3) ? Files.readString(h3) : ""));
                assertTrue(Files.readString(home.resolve("metrics/h1.jsonl")).lines().count() >= 5);
                assertTrue(hub.since(0).stream().filter(e -> e.type().equals("metric")).map(MetricsOverSshTest::json)
                        .noneMatch(n -> n.get("host").asText().equals("h3")), "no h3 sample streamed, before or after the stop");
                return null;
            });
        } finally {
            hosts.resumeSshd(3);
        }
    }

    static JsonNode json(Event e) {
        try {
            return Json.MAPPER.readTree(e.json());
        } catch (java.io.IOException x) {
            throw new AssertionError(x);
        }
    }
}

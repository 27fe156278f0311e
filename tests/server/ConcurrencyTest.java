package server;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import lib.server.Scope;
import lib.util.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.Registries;
import server.support.WebFixture;

/** 1,000 GET /api/status at once, over 1,000 connections: every one answered 200 with the status document. */
class ConcurrencyTest {
    @TempDir
    Path tmp;

    @Test
    void aThousandConcurrentStatusRequestsWithoutAnError() throws Exception {
        try (WebFixture web = WebFixture.start(Registries.minimal(tmp))) {
            String token = web.token(Scope.READ);
            JsonNode one = web.get("/api/status", token).json();
            assertEquals("hello", one.get("services").get(0).get("name").asText(), one.toString());

            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.app().port() + "/api/status"))
                    .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(120)).build();
            long t0 = System.nanoTime();
            List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
            for (int i = 0; i < 1000; i++) all.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
            Map<String, Integer> outcomes = new TreeMap<>();
            for (CompletableFuture<HttpResponse<String>> f : all) {
                String key;
                try {
                    HttpResponse<String> r = f.join();
                    key = r.statusCode() == 200 && Json.MAPPER.readTree(r.body()).get("services").size() == 1 ? "ok" : r.statusCode() + " " + r.body();
                } catch (RuntimeException e) {
                    key = String.valueOf(e.getCause());
                }
                outcomes.merge(key, 1, Integer::sum);
            }
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(Map.of("ok", 1000), outcomes, "in " + ms + " ms");
            System.out.println("1000 concurrent GET /api/status: " + ms + " ms");
        }
    }
}

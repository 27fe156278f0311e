package server.api;

import static org.junit.jupiter.api.Assertions.*;

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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.WebFixture;
import support.CliRun;

/** 1,000 concurrent GET /api/status against real deployed services: every one answered 200 with the real states. */
class StatusLoadTest {
    @TempDir
    static Path tmp;
    static ApiCluster cluster;
    static WebFixture web;

    @BeforeAll
    static void deploy() throws Exception {
        cluster = new ApiCluster(tmp);
        CliRun.Outcome d = cluster.deploy("db", "web");
        assertEquals(0, d.code(), d::toString);
        web = cluster.web();
    }

    @AfterAll
    static void stop() throws Exception { cluster.close(); }

    @Test
    void aThousandConcurrentStatusRequestsAllSucceed() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(30)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + web.app().port() + "/api/status"))
                .header("Authorization", "Bearer " + web.token(Scope.READ)).timeout(Duration.ofSeconds(120)).GET().build();
        long start = System.nanoTime();
        List<CompletableFuture<HttpResponse<String>>> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) all.add(client.sendAsync(req, HttpResponse.BodyHandlers.ofString()));
        Map<Integer, Integer> byStatus = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> f : all) {
            HttpResponse<String> r = f.join();
            byStatus.merge(r.statusCode(), 1, Integer::sum);
            if (r.statusCode() == 200 && !r.body().contains("\"name\":\"web\",\"host\":\"here\",\"deployment_type\":\"local\",\"port\":" + cluster.webPort + ",\"state\":\"healthy\"")) {
                wrong.add(r.body());
            }
        }
        long ms = (System.nanoTime() - start) / 1_000_000;
        System.out.println("1000 concurrent GET /api/status: " + byStatus + " in " + ms + " ms");
        assertEquals(Map.of(200, 1000), byStatus, "every request answered 200 (" + ms + " ms)");
        assertEquals(List.of(), wrong.stream().limit(1).toList(), "every answer shows web healthy");
    }
}

package server.metrics;

import static org.junit.jupiter.api.Assertions.*;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import server.support.Registries;

/**
 * The real `portoser web` (its own JVM, as a user starts it) answers keep-alive requests in milliseconds: the JDK
 * server writes headers and body separately, so without TCP_NODELAY every answer waits ~40 ms for the client's
 * delayed ACK (found by bench/api: a trivial handler went from 690 to 16,900 req/s). The monitoring page and every
 * other client poll over keep-alive connections.
 */
class ApiLatencyTest {
    @TempDir
    Path dir;

    @Test
    void keepAliveAnswersAreNotHeldByNagle() throws Exception {
        Path registry = Registries.minimal(dir);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-XX:TieredStopAtLevel=1", "-Dportoser.metrics.interval=0", "-Dportoser.uptime.interval=0",
                "-cp", System.getProperty("java.class.path"), "portoser", "web", "--port", "0", "--registry", registry.toString());
        pb.environment().put("PORTOSER_HOME", dir.resolve("home").toString());
        pb.redirectError(dir.resolve("stderr.txt").toFile());
        Process p = pb.start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String url = null, token = null;
            for (String line; (line = out.readLine()) != null && token == null; ) {
                Matcher u = Pattern.compile("serving (http://127\\.0\\.0\\.1:\\d+/)").matcher(line);
                if (u.find()) url = u.group(1);
                Matcher t = Pattern.compile("login token .*: (\\S+)$").matcher(line);
                if (t.find()) token = t.group(1);
            }
            assertNotNull(token, "no URL/token printed; stderr: " + Files.readString(dir.resolve("stderr.txt")));
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpRequest req = HttpRequest.newBuilder(URI.create(url + "api/health")).header("Authorization", "Bearer " + token)
                    .timeout(Duration.ofSeconds(10)).build();
            for (int i = 0; i < 20; i++) assertEquals(200, client.send(req, HttpResponse.BodyHandlers.ofString()).statusCode()); // warm up
            List<Long> micros = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                micros.add((System.nanoTime() - t0) / 1000);
                assertEquals(200, r.statusCode(), r.body());
            }
            Collections.sort(micros);
            long median = micros.get(micros.size() / 2);
            assertTrue(median < 25_000, "median " + median + " µs per keep-alive request (a Nagle stall is ≥ 40,000): " + micros);
        } finally {
            p.destroy();
            p.waitFor();
        }
    }
}

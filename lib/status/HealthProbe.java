package lib.status;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import lib.registry.Host;
import lib.registry.Service;
import lib.status.StatusReport.Health;

/** Health checks that run from this machine: `healthcheck_url` (HTTP 2xx/3xx) and `healthcheck: {tcp: PORT}`. */
public final class HealthProbe {
    private final Duration timeout;
    private volatile HttpClient http;

    public HealthProbe(Duration timeout) {
        this.timeout = timeout;
    }

    /** Built on first use: an HttpClient costs 100-200 ms to create, wasted when no service has a URL check. */
    private HttpClient http() {
        HttpClient c = http;
        if (c == null) {
            synchronized (this) {
                if (http == null) http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
                c = http;
            }
        }
        return c;
    }

    /** The check that runs here, or null when the service has none (or only a command check run on the host). */
    public Health check(Service s, Host host) {
        if (s.healthcheckUrl() != null) return url(s.healthUrlFor(host));
        if (s.healthcheck() != null && s.healthcheck().tcp() != null) return tcp(host.ip(), s.healthcheck().tcp());
        return null;
    }

    Health url(String url) {
        try {
            HttpRequest req = HttpRequest.newBuilder(URI.create(url)).timeout(timeout).GET().build();
            int code = http().send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
            return new Health("url", url, code >= 200 && code < 400, "HTTP " + code);
        } catch (IOException | IllegalArgumentException e) {
            return new Health("url", url, false, describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Health("url", url, false, "interrupted");
        }
    }

    Health tcp(String ip, int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), (int) timeout.toMillis());
            return new Health("tcp", ip + ":" + port, true, "connected");
        } catch (IOException e) {
            return new Health("tcp", ip + ":" + port, false, describe(e));
        }
    }

    private static String describe(Exception e) {
        String name = e.getClass().getSimpleName();
        if (name.contains("ConnectException")) return "connection refused";
        if (name.contains("Timeout")) return "timed out";
        return e.getMessage() != null ? e.getMessage() : name;
    }
}

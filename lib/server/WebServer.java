package lib.server;

import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP server: JDK HttpServer on a bounded thread pool (a full queue answers 503 rather than growing without
 * end), /api/ through {@link ApiHandler}, plus extra contexts (the event stream, static files). Knows nothing of
 * the routes' meaning.
 */
public final class WebServer implements AutoCloseable {
    static {
        // The JDK server writes a response's headers and body separately: without TCP_NODELAY, Nagle's algorithm and
        // the client's delayed ACK hold every keep-alive answer ~40 ms (bench/api: a trivial handler 690 → 16,900
        // req/s). The JDK reads this once, when its first server is made; an explicit -D setting is left alone.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    /** Where and how: bind address, port (0 = any free one), worker threads, queue, max request body. */
    public record Config(String bind, int port, int threads, int queue, int maxBody) {
        public static Config defaults(String bind, int port) { return new Config(bind, port, 32, 2048, 1 << 20); }
    }

    private final HttpServer http;
    private final ThreadPoolExecutor pool;
    private final Routes routes;

    private WebServer(HttpServer http, ThreadPoolExecutor pool, Routes routes) {
        this.http = http;
        this.pool = pool;
        this.routes = routes;
    }

    /**
     * Starts serving. {@code groups} register the API routes; {@code contexts} maps extra paths ("/api/events",
     * "/") to their handlers (a longer path wins, as HttpServer does).
     */
    public static WebServer start(Config c, ServerContext ctx, List<ApiGroup> groups, Gate gate, AuditSink audit,
                                  Map<String, HttpHandler> contexts) throws IOException {
        Routes routes = new Routes();
        for (ApiGroup g : groups) g.register(routes, ctx);
        HttpServer http = HttpServer.create(new InetSocketAddress(c.bind(), c.port()), 1024);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(c.threads(), c.threads(), 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(c.queue()), r -> {
            Thread t = new Thread(r, "web-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        }, (r, e) -> { throw new java.util.concurrent.RejectedExecutionException("busy"); });
        pool.allowCoreThreadTimeOut(true);
        http.setExecutor(pool);
        http.createContext("/api/", new ApiHandler(routes, gate, audit, c.maxBody()));
        Map<String, HttpHandler> extra = new LinkedHashMap<>(contexts);
        extra.forEach(http::createContext);
        http.start();
        return new WebServer(http, pool, routes);
    }

    public int port() { return http.getAddress().getPort(); }

    public String host() { return http.getAddress().getHostString(); }

    /** The URL a browser opens (IPv6 literals bracketed). */
    public URI url() {
        String h = host().contains(":") ? "[" + host() + "]" : host();
        return URI.create("http://" + h + ":" + port() + "/");
    }

    public List<Routes.Route> routes() { return routes.all(); }

    /**
     * Gives in-flight exchanges up to {@code graceSeconds} to finish, then stops listening and closes every
     * connection. Waits on our own pool rather than on HttpServer.stop(n): JDK 17's never counts an exchange whose
     * connection broke as finished (a dropped event stream), and would then wait all n seconds every time.
     */
    public void stop(int graceSeconds) {
        long until = System.nanoTime() + graceSeconds * 1_000_000_000L;
        while ((pool.getActiveCount() > 0 || !pool.getQueue().isEmpty()) && System.nanoTime() < until) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        pool.shutdown();
        try {
            pool.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() { stop(1); }
}

package lib.server;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lib.audit.AuditLog;
import lib.exec.ExecOptions;
import lib.exec.Executor;
import lib.server.api.ApiGroups;
import lib.server.api.AuditApi;
import lib.server.api.AuthApi;
import lib.server.auth.RateLimiter;
import lib.server.auth.SecurityGate;
import lib.server.auth.Sessions;
import lib.server.auth.TokenStore;
import lib.server.events.EventHub;
import lib.server.events.SseHandler;

/**
 * `portoser web` assembled: the reloading registry, one executor (pooled SSH) with this server's
 * $PORTOSER_HOME, the event hub, a scheduler, tokens and sessions behind the security gate, the audit log, every
 * API group, the event stream at /api/events and the UI at /. The command and every API test start it the same way.
 */
public final class WebApp implements AutoCloseable {
    /**
     * {@code home} null: $PORTOSER_HOME (or -Dportoser.home, else ~/.portoser). {@code staticRoot} null: web-static/
     * here, else beside the registry file. {@code port} 0: any free port.
     */
    public record Options(Path registryFile, Path home, String bind, int port, boolean publicRead, Path staticRoot) {}

    private final WebServer server;
    private final ServerContext ctx;
    private final TokenStore tokens;
    private final SseHandler events;
    private final ScheduledExecutorService scheduler;
    private final long graceMs;
    private boolean closed;

    private WebApp(WebServer server, ServerContext ctx, TokenStore tokens, SseHandler events, ScheduledExecutorService scheduler, long graceMs) {
        this.server = server;
        this.ctx = ctx;
        this.tokens = tokens;
        this.events = events;
        this.scheduler = scheduler;
        this.graceMs = graceMs;
    }

    public static WebApp start(Options o) throws IOException { return start(o, WebTuning.fromSystemProperties()); }

    public static WebApp start(Options o, WebTuning t) throws IOException {
        Path home = (o.home() != null ? o.home() : ExecOptions.defaults().portoserHome()).toAbsolutePath();
        RegistrySource registry = new RegistrySource(o.registryFile());
        ScheduledExecutorService scheduler = scheduler();
        ServerContext ctx = new ServerContext(registry, home, new Executor(execOptions(registry.file(), home)),
                new EventHub(t.eventBuffer(), t.eventQueue()), scheduler);
        ctx.onStop(ctx.executor());
        TokenStore tokens = ctx.shared(TokenStore.class, () -> new TokenStore(home));
        Sessions sessions = ctx.shared(Sessions.class, () -> new Sessions(TimeUnit.HOURS.toMillis(t.sessionHours())));
        AuditLog audit = ctx.shared(AuditLog.class, () -> new AuditLog(home));
        SecurityGate gate = new SecurityGate(tokens, sessions, o.publicRead(), loopback(o.bind()),
                new RateLimiter(t.mutationBurst(), t.mutationRate()), new RateLimiter(t.loginBurst(), t.loginRate()));
        SseHandler sse = new SseHandler(ctx.events(), gate, t.heartbeatMs(), t.stallMs(), t.maxStreams());
        Map<String, HttpHandler> contexts = new LinkedHashMap<>();
        contexts.put(SseHandler.PATH, sse);
        contexts.put("/", new StaticFiles(staticRoot(o)));
        WebServer server;
        try {
            WebServer.Config defaults = WebServer.Config.defaults(o.bind(), o.port());
            WebServer.Config c = new WebServer.Config(defaults.bind(), defaults.port(), defaults.threads(), defaults.queue(), t.maxBody());
            server = WebServer.start(c, ctx, groups(), gate, audit, contexts);
        } catch (IOException | RuntimeException e) {
            sse.close();
            ctx.close();
            scheduler.shutdownNow();
            throw e;
        }
        watchRegistry(ctx);
        return new WebApp(server, ctx, tokens, sse, scheduler, t.stopGraceMs());
    }

    public URI url() { return server.url(); }

    public int port() { return server.port(); }

    public ServerContext context() { return ctx; }

    public TokenStore tokens() { return tokens; }

    /** Streams open on /api/events right now. */
    public int eventStreams() { return events.clients(); }

    /**
     * Stops gracefully: event streams end, new requests are turned away, in-flight ones get up to the grace
     * period to finish, then every component closes (last registered first: the deploy jobs before the executor).
     */
    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        events.close();
        server.stop((int) Math.max(0, Math.ceil(graceMs / 1000.0)));
        // Periodic work (samplers, pollers) stops before what it uses closes, and is waited for: nothing may
        // write to $PORTOSER_HOME once close() has returned.
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ctx.close();
        tokens.revokeEphemeral();
    }

    static boolean loopback(String bind) {
        try {
            return java.net.InetAddress.getByName(bind).isLoopbackAddress();
        } catch (java.net.UnknownHostException e) {
            return false; // HttpServer.create fails on it with its own message
        }
    }

    /** The executor's options with this server's home: its trusted keys are $HOME/known_hosts. */
    static ExecOptions execOptions(Path registryFile, Path home) {
        ExecOptions d = ExecOptions.forRegistry(registryFile);
        List<Path> known = d.knownHostsFiles().stream().map(p -> p.equals(d.trustedKeysFile()) ? home.resolve("known_hosts") : p).toList();
        return new ExecOptions(d.connectTimeout(), d.commandTimeout(), d.parallelism(), known, d.defaultIdentities(), home);
    }

    /** Every API group, then the browser login and the audit log (always there, whatever the others are). */
    static List<ApiGroup> groups() {
        List<ApiGroup> all = new ArrayList<>(ApiGroups.all());
        all.add(new AuthApi());
        all.add(new AuditApi());
        return all;
    }

    static Path staticRoot(Options o) {
        if (o.staticRoot() != null) return o.staticRoot();
        Path here = Path.of("web-static");
        if (Files.isDirectory(here)) return here;
        Path parent = o.registryFile().toAbsolutePath().getParent();
        return parent == null ? here : parent.resolve("web-static");
    }

    private static ScheduledExecutorService scheduler() {
        AtomicInteger n = new AtomicInteger();
        return Executors.newScheduledThreadPool(2, r -> {
            Thread th = new Thread(r, "web-scheduler-" + n.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
    }

    /** Reloads the registry every 2 s and tells the UI when it changed (`registry` {generation}). */
    private static void watchRegistry(ServerContext ctx) {
        long[] seen = {ctx.registry().generation()};
        ctx.scheduler().scheduleWithFixedDelay(() -> {
            try {
                ctx.registry().get();
                long g = ctx.registry().generation();
                if (g != seen[0]) {
                    seen[0] = g;
                    ctx.events().publish("registry", Map.of("generation", g));
                }
            } catch (RuntimeException e) {
                // A bad moment reading the file: the next tick tries again.
            }
        }, 2, 2, TimeUnit.SECONDS);
    }
}

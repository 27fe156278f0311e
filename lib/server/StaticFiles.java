package lib.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Serves the web UI (web-static/) at "/". Only files under the root, ever: a path with a ".." or "." segment
 * (plain, percent- or double-encoded), a backslash or a NUL is refused before touching the disk, and what is
 * left must still be under the root once every symlink is resolved. Anything refused or missing is the same 404,
 * so probing learns nothing. Every answer carries a Content-Security-Policy allowing this origin only.
 */
public final class StaticFiles implements HttpHandler {
    static final String CSP = "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
    private static final Map<String, String> TYPES = Map.ofEntries(
            Map.entry("html", "text/html; charset=utf-8"), Map.entry("js", "text/javascript; charset=utf-8"),
            Map.entry("mjs", "text/javascript; charset=utf-8"), Map.entry("css", "text/css; charset=utf-8"),
            Map.entry("svg", "image/svg+xml"), Map.entry("png", "image/png"), Map.entry("json", "application/json; charset=utf-8"),
            Map.entry("ico", "image/x-icon"), Map.entry("txt", "text/plain; charset=utf-8"), Map.entry("webmanifest", "application/manifest+json"));

    private final Path root;

    /** {@code root} null or missing: every page says where the UI files should be. */
    public StaticFiles(Path root) {
        Path r = null;
        try {
            if (root != null && Files.isDirectory(root)) r = root.toRealPath();
        } catch (IOException e) {
            r = null;
        }
        this.root = r;
    }

    public Path root() { return root; }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod().toUpperCase(Locale.ROOT);
            ex.getResponseHeaders().set("Content-Security-Policy", CSP);
            ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
            ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            if (!method.equals("GET") && !method.equals("HEAD")) {
                ex.getResponseHeaders().set("Allow", "GET, HEAD");
                text(ex, 405, "method not allowed\n", method.equals("HEAD"));
                return;
            }
            if (root == null) {
                text(ex, 404, "the web UI files were not found; start with --static DIR (the web-static folder)\n", method.equals("HEAD"));
                return;
            }
            Path file = resolve(root, ex.getRequestURI().getRawPath());
            if (file == null) {
                text(ex, 404, "not found\n", method.equals("HEAD"));
                return;
            }
            byte[] bytes = Files.readAllBytes(file);
            ex.getResponseHeaders().set("Content-Type", type(file));
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            ex.sendResponseHeaders(200, method.equals("HEAD") ? -1 : bytes.length);
            if (!method.equals("HEAD")) try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /**
     * The regular file under {@code root} that {@code rawPath} names, or null when it names none or tries to leave
     * the root. "/" and a folder mean its index.html. Pure apart from reading the filesystem.
     */
    public static Path resolve(Path root, String rawPath) {
        if (rawPath == null || !rawPath.startsWith("/") || rawPath.indexOf('\\') >= 0 || rawPath.indexOf('\0') >= 0) return null;
        String path;
        try {
            path = URLDecoder.decode(rawPath.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return null;
        }
        // After one decoding a '%' can only be a second layer of encoding: no UI file needs one.
        if (path.indexOf('%') >= 0 || path.indexOf('\\') >= 0 || path.indexOf('\0') >= 0) return null;
        for (String seg : path.split("/")) if (seg.equals("..") || seg.equals(".")) return null;
        Path p = root.resolve(path.substring(1)).normalize();
        if (!p.startsWith(root)) return null;
        try {
            if (Files.isDirectory(p)) p = p.resolve("index.html");
            if (!Files.isRegularFile(p)) return null;
            Path real = p.toRealPath();
            return real.startsWith(root) ? real : null;
        } catch (IOException e) {
            return null;
        }
    }

    static String type(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot < 0 ? "application/octet-stream" : TYPES.getOrDefault(n.substring(dot + 1).toLowerCase(Locale.ROOT), "application/octet-stream");
    }

    private static void text(HttpExchange ex, int status, String body, boolean head) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, head ? -1 : b.length);
        if (!head) try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }
}

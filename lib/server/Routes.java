package lib.server;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The API's route table. Patterns are paths with {param} segments (`/api/services/{name}`); a {param} matches
 * one non-empty segment. GET/HEAD routes are reads; every other method is a mutation (audited, rate-limited,
 * CSRF-checked for browser sessions). Pure: matching is tested without a server.
 */
public final class Routes {
    /** One route: method, pattern, the scope it needs, and its handler. */
    public record Route(String method, String pattern, Scope scope, Handler handler) {
        public boolean mutation() { return !method.equals("GET") && !method.equals("HEAD"); }
    }

    /** A match: the route and the path parameters it bound. */
    public record Match(Route route, Map<String, String> params) {}

    private final List<Route> routes = new ArrayList<>();

    public Routes get(String pattern, Scope scope, Handler h) { return add("GET", pattern, scope, h); }

    public Routes post(String pattern, Scope scope, Handler h) { return add("POST", pattern, scope, h); }

    public Routes put(String pattern, Scope scope, Handler h) { return add("PUT", pattern, scope, h); }

    public Routes delete(String pattern, Scope scope, Handler h) { return add("DELETE", pattern, scope, h); }

    public Routes add(String method, String pattern, Scope scope, Handler h) {
        if (!pattern.startsWith("/")) throw new IllegalArgumentException("route pattern must start with /: " + pattern);
        for (Route r : routes)
            if (r.method().equals(method) && r.pattern().equals(pattern)) throw new IllegalArgumentException("route registered twice: " + method + " " + pattern);
        routes.add(new Route(method, pattern, scope, h));
        return this;
    }

    public List<Route> all() { return List.copyOf(routes); }

    /** The route for this method and path; null when none. HEAD is served by GET routes. */
    public Match match(String method, String path) {
        String m = method.equals("HEAD") ? "GET" : method;
        for (Route r : routes) {
            if (!r.method().equals(m)) continue;
            Map<String, String> p = bind(r.pattern(), path);
            if (p != null) return new Match(r, p);
        }
        return null;
    }

    /** Methods some route accepts for this path (for 405 vs 404). */
    public Set<String> methodsFor(String path) {
        Set<String> out = new java.util.TreeSet<>();
        for (Route r : routes) if (bind(r.pattern(), path) != null) out.add(r.method());
        return out;
    }

    static Map<String, String> bind(String pattern, String path) {
        String[] ps = split(pattern), xs = split(path);
        if (ps.length != xs.length) return null;
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0; i < ps.length; i++) {
            if (ps[i].startsWith("{") && ps[i].endsWith("}")) {
                if (xs[i].isEmpty()) return null;
                out.put(ps[i].substring(1, ps[i].length() - 1), decode(xs[i]));
            } else if (!ps[i].equals(xs[i])) {
                return null;
            }
        }
        return out;
    }

    private static String[] split(String p) {
        String s = p.endsWith("/") && p.length() > 1 ? p.substring(0, p.length() - 1) : p;
        return s.split("/", -1);
    }

    private static String decode(String s) {
        return java.net.URLDecoder.decode(s.replace("+", "%2B"), java.nio.charset.StandardCharsets.UTF_8);
    }
}

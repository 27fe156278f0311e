package lib.server.auth;

import java.util.Locale;

/**
 * Is a request's Origin this server's own, and does its Host name this machine? The server's origin is what the browser used to reach it: scheme (plain
 * HTTP) and the Host header, so it is right behind any name or address the user typed. Pure.
 */
public final class OriginCheck {
    private OriginCheck() {}

    /** The origin a browser on this server's pages sends: "http://" + Host; null without a Host header. */
    public static String own(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) return null;
        return "http://" + hostHeader.strip().toLowerCase(Locale.ROOT);
    }

    /** True when {@code origin} is exactly this server's origin (a trailing slash tolerated). */
    public static boolean sameOrigin(String origin, String hostHeader) {
        String own = own(hostHeader);
        if (origin == null || own == null) return false;
        String o = origin.strip().toLowerCase(Locale.ROOT);
        if (o.endsWith("/")) o = o.substring(0, o.length() - 1);
        return o.equals(own) || o.equals(withoutDefaultPort(own));
    }

    /**
     * True when a Host header names this machine by a loopback name or address (localhost, 127.x.y.z, [::1]),
     * without resolving anything. A server bound to loopback answers only such requests, which defeats DNS
     * rebinding: a page from evil.example re-pointed at 127.0.0.1 still sends "Host: evil.example".
     */
    public static boolean loopbackHost(String hostHeader) {
        if (hostHeader == null) return false;
        String h = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1") && (end == h.length() - 1 || h.charAt(end + 1) == ':');
        }
        int colon = h.indexOf(':');
        String name = colon < 0 ? h : h.substring(0, colon);
        if (name.equals("localhost") || name.endsWith(".localhost")) return true;
        return name.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String withoutDefaultPort(String origin) {
        return origin.endsWith(":80") ? origin.substring(0, origin.length() - 3) : origin;
    }
}

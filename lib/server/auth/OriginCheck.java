package lib.server.auth;

import java.util.Locale;

/**
 * Is a request's Origin this server's own? The server's origin is what the browser used to reach it: scheme (plain
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

    private static String withoutDefaultPort(String origin) {
        return origin.endsWith(":80") ? origin.substring(0, origin.length() - 3) : origin;
    }
}

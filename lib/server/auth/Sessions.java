package lib.server.auth;

import java.security.MessageDigest;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lib.server.Scope;

/**
 * Browser sessions, in memory (a restart logs everyone out, which is what a restart should do). A session is
 * made by logging in with a token and remembers that token's id, so revoking the token ends its sessions at once:
 * {@link SecurityGate} checks the token on every request. Each session has its own CSRF token.
 */
public final class Sessions {
    public static final String COOKIE = "portoser_session";

    /** One logged-in browser: the token it logged in with, that token's name and scope, and its CSRF token. */
    public record Session(String id, String tokenId, String name, Scope scope, String csrf, long expiresAt) {}

    private static final SecureRandom RANDOM = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final long ttlMillis;

    public Sessions(long ttlMillis) { this.ttlMillis = ttlMillis; }

    public Session open(TokenStore.Info token) {
        purgeExpired();
        Session s = new Session(random(), token.id(), token.name(), token.scope(), random(), System.currentTimeMillis() + ttlMillis);
        sessions.put(s.id(), s);
        return s;
    }

    /** The live session with this id, or null (unknown or expired). */
    public Session get(String id) {
        if (id == null) return null;
        Session s = sessions.get(id);
        if (s == null) return null;
        if (s.expiresAt() < System.currentTimeMillis()) {
            sessions.remove(id);
            return null;
        }
        return s;
    }

    public void close(String id) { if (id != null) sessions.remove(id); }

    /** The session id in a Cookie header, or null. */
    public static String idFrom(String cookieHeader) {
        if (cookieHeader == null) return null;
        for (String part : cookieHeader.split(";")) {
            String p = part.strip();
            if (p.startsWith(COOKIE + "=")) return p.substring(COOKIE.length() + 1);
        }
        return null;
    }

    /** The Set-Cookie value for a new session: never readable by scripts, never sent cross-site. */
    public static String cookie(Session s) {
        return COOKIE + "=" + s.id() + "; HttpOnly; SameSite=Strict; Path=/";
    }

    /** The Set-Cookie value that removes the session cookie. */
    public static String clearCookie() {
        return COOKIE + "=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0";
    }

    /** Constant-time comparison, so a CSRF guess learns nothing from timing. */
    static boolean same(String a, String b) {
        return a != null && b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private void purgeExpired() {
        long now = System.currentTimeMillis();
        sessions.values().removeIf(s -> s.expiresAt() < now);
    }

    private static String random() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}

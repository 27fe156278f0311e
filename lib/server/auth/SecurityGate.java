package lib.server.auth;

import com.sun.net.httpserver.HttpExchange;
import lib.server.ApiError;
import lib.server.Gate;
import lib.server.Principal;
import lib.server.Routes;
import lib.server.Scope;

/**
 * Who may call what. A caller is a bearer token ({@code Authorization: Bearer pt_…}) or a browser session
 * cookie made by POST /api/login; reads need {@code read} unless the server is public-read. Mutations are rate
 * limited per client address, need a matching {@code Origin} when one is sent (always, for sessions), and for
 * sessions the session's CSRF token in {@code X-CSRF-Token}. A server on loopback refuses any Host that does not
 * name this machine (DNS rebinding). A session's token is checked on every request, so a
 * revoke ends its sessions at once. 401: no, unknown or revoked credentials; 403: wrong scope, CSRF or Origin;
 * 429: too many mutations (Retry-After says when to come back).
 */
public final class SecurityGate implements Gate {
    /** The one route open to callers without credentials: it is how a browser gets them. */
    public static final String LOGIN = "/api/login";

    private final TokenStore tokens;
    private final Sessions sessions;
    private final boolean publicRead;
    private final boolean loopbackOnly;
    private final RateLimiter mutations;
    private final RateLimiter logins;

    /** {@code loopbackOnly}: the server listens on a loopback address, so every request must name this machine. */
    public SecurityGate(TokenStore tokens, Sessions sessions, boolean publicRead, boolean loopbackOnly, RateLimiter mutations, RateLimiter logins) {
        this.tokens = tokens;
        this.sessions = sessions;
        this.publicRead = publicRead;
        this.loopbackOnly = loopbackOnly;
        this.mutations = mutations;
        this.logins = logins;
    }

    public boolean publicRead() { return publicRead; }

    @Override
    public Principal admit(HttpExchange ex, Routes.Route route, Scope scope) {
        boolean mutation = route != null && route.mutation();
        boolean login = route != null && route.pattern().equals(LOGIN);
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (loopbackOnly && !OriginCheck.loopbackHost(host))
            throw ApiError.forbidden("Host '" + host + "' is not this machine: a server on 127.0.0.1 answers only localhost, 127.x.x.x or [::1]");
        if (mutation) {
            limit(ex, login ? logins : mutations, login ? "login attempts" : "changes");
            if (origin != null && !OriginCheck.sameOrigin(origin, host))
                throw ApiError.forbidden("Origin " + origin + " is not this server (" + OriginCheck.own(host) + "); cross-site requests are refused");
        }
        if (login) return Principal.ANONYMOUS;
        Principal p = authenticate(ex, mutation, origin, host);
        if (p == null) {
            if (!mutation && publicRead && scope == Scope.READ) return Principal.ANONYMOUS;
            throw ApiError.unauthorized("missing credentials: send 'Authorization: Bearer <token>' (make one with 'portoser web token create') or log in");
        }
        if (!p.may(scope))
            throw ApiError.forbidden("'" + p.name() + "' has scope " + p.scope().wire() + "; this needs " + scope.wire());
        return p;
    }

    /** The bearer token's or the session's principal; null when neither was sent; 401/403 when they are bad. */
    private Principal authenticate(HttpExchange ex, boolean mutation, String origin, String host) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null) {
            if (!auth.regionMatches(true, 0, "Bearer ", 0, 7)) throw ApiError.unauthorized("Authorization must be 'Bearer <token>'");
            TokenStore.Info t = tokens.verify(auth.substring(7).strip());
            if (t == null) throw ApiError.unauthorized("unknown or revoked token");
            return new Principal(t.name(), t.scope(), false);
        }
        String id = Sessions.idFrom(ex.getRequestHeaders().getFirst("Cookie"));
        if (id == null) return null;
        Sessions.Session s = sessions.get(id);
        if (s == null) throw ApiError.unauthorized("session expired or unknown; log in again");
        if (!tokens.isLive(s.tokenId())) {
            sessions.close(id);
            throw ApiError.unauthorized("the token this session logged in with was revoked; log in again");
        }
        if (mutation) {
            // A browser always sends Origin on a POST/PUT/DELETE: its absence means something is off.
            if (origin == null) throw ApiError.forbidden("a browser session's change needs an Origin header");
            if (!Sessions.same(s.csrf(), ex.getRequestHeaders().getFirst("X-CSRF-Token")))
                throw ApiError.forbidden("missing or wrong X-CSRF-Token (GET /api/session gives this session's)");
        }
        return new Principal(s.name(), s.scope(), true);
    }

    private static void limit(HttpExchange ex, RateLimiter limiter, String what) {
        long wait = limiter.take(ex.getRemoteAddress().getAddress().getHostAddress());
        if (wait == 0) return;
        // ApiHandler copies a Response's headers onto these; it never clears what the gate set.
        ex.getResponseHeaders().set("Retry-After", Long.toString(wait));
        throw ApiError.rateLimited("too many " + what + " from this address; retry in " + wait + " s");
    }
}

package lib.server.api;

import java.util.LinkedHashMap;
import java.util.Map;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Principal;
import lib.server.Request;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;
import lib.server.auth.Sessions;
import lib.server.auth.TokenStore;

/**
 * The browser's way in: POST /api/login {token} trades a token for an HttpOnly, SameSite=Strict session cookie
 * and answers the session's CSRF token; GET /api/session says who the caller is (and, for a session, its CSRF
 * token again, so a reloaded page can recover it); POST /api/logout ends the session.
 */
public final class AuthApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        TokenStore tokens = ctx.shared(TokenStore.class, () -> new TokenStore(ctx.home()));
        Sessions sessions = ctx.shared(Sessions.class, () -> new Sessions(12 * 3600_000L));
        routes.post("/api/login", Scope.READ, r -> login(r, tokens, sessions));
        routes.get("/api/session", Scope.READ, r -> session(r, sessions));
        routes.post("/api/logout", Scope.READ, r -> logout(r, sessions));
    }

    static Response login(Request r, TokenStore tokens, Sessions sessions) {
        TokenStore.Info t = tokens.verify(r.string("token").strip());
        if (t == null) throw ApiError.unauthorized("unknown or revoked token");
        Sessions.Session s = sessions.open(t);
        Map<String, Object> body = who(t.name(), t.scope(), "session");
        body.put("csrf", s.csrf());
        return Response.ok(body).withHeader("Set-Cookie", Sessions.cookie(s));
    }

    static Response session(Request r, Sessions sessions) {
        Principal p = r.who();
        if (p == Principal.ANONYMOUS) {
            Map<String, Object> body = who(p.name(), p.scope(), "public_read");
            body.put("authenticated", false);
            return Response.ok(body);
        }
        Map<String, Object> body = who(p.name(), p.scope(), p.session() ? "session" : "token");
        if (p.session()) {
            Sessions.Session s = sessions.get(Sessions.idFrom(r.header("cookie")));
            if (s != null) body.put("csrf", s.csrf());
        }
        return Response.ok(body);
    }

    static Response logout(Request r, Sessions sessions) {
        String id = Sessions.idFrom(r.header("cookie"));
        boolean had = sessions.get(id) != null;
        sessions.close(id);
        return Response.ok(Map.of("logged_out", had)).withHeader("Set-Cookie", Sessions.clearCookie());
    }

    private static Map<String, Object> who(String name, Scope scope, String via) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("scope", scope.wire());
        m.put("via", via);
        m.put("authenticated", true);
        return m;
    }
}

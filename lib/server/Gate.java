package lib.server;

import com.sun.net.httpserver.HttpExchange;

/**
 * Decides who may call a route: authenticates the caller (bearer token or session cookie), checks the route's
 * scope, and for mutations the CSRF token, the Origin and the rate limit. Throws {@link ApiError} (401, 403,
 * 429) to refuse. {@code route} is null for non-route endpoints (the event stream), which need {@code scope}.
 */
public interface Gate {
    Principal admit(HttpExchange exchange, Routes.Route route, Scope scope);
}

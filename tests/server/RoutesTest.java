package server;

import static org.junit.jupiter.api.Assertions.*;

import java.util.Map;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import org.junit.jupiter.api.Test;

class RoutesTest {
    private final Routes routes = new Routes()
            .get("/api/services", Scope.READ, r -> Response.ok("list"))
            .get("/api/services/{name}", Scope.READ, r -> Response.ok(r.param("name")))
            .delete("/api/services/{name}", Scope.ADMIN, r -> null)
            .post("/api/history/{id}/rollback", Scope.DEPLOY, r -> null);

    @Test
    void bindsParametersAndPicksTheMethod() {
        Routes.Match m = routes.match("GET", "/api/services/web%20ui");
        assertEquals("/api/services/{name}", m.route().pattern());
        assertEquals(Map.of("name", "web ui"), m.params());
        assertEquals(Scope.ADMIN, routes.match("DELETE", "/api/services/web").route().scope());
        assertTrue(routes.match("DELETE", "/api/services/web").route().mutation());
        assertFalse(routes.match("HEAD", "/api/services").route().mutation());
        assertEquals("deploy-1", routes.match("POST", "/api/history/deploy-1/rollback").params().get("id"));
    }

    @Test
    void emptySegmentsAndWrongLengthsDoNotMatch() {
        assertNull(routes.match("GET", "/api/services//"));
        assertNull(routes.match("GET", "/api/services/a/b"));
        assertNull(routes.match("GET", "/api/nothing"));
        assertEquals(java.util.Set.of("DELETE", "GET"), routes.methodsFor("/api/services/web"));
    }

    @Test
    void theSameRouteTwiceIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class, () -> routes.get("/api/services", Scope.READ, r -> null));
    }

    @Test
    void scopesIncludeTheLowerOnes() {
        assertTrue(Scope.ADMIN.includes(Scope.DEPLOY));
        assertTrue(Scope.DEPLOY.includes(Scope.READ));
        assertFalse(Scope.READ.includes(Scope.DEPLOY));
        assertEquals(Scope.DEPLOY, Scope.parse(" Deploy "));
        assertThrows(IllegalArgumentException.class, () -> Scope.parse("root"));
    }
}

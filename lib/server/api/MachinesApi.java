package lib.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryFile;
import lib.registry.RegistryJson;
import lib.registry.RegistryLoader;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Request;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/machines: the registry's hosts. Adding and removing go through the same locked, validated edits as
 * `portoser registry add-machine`; a host still running services cannot be removed.
 */
public final class MachinesApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/machines", Scope.READ, r -> Response.ok(RegistryJson.machines(ctx.registry().get())));
        routes.get("/api/machines/{name}", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            return Response.ok(RegistryJson.machine(reg, Known.host(reg, r.param("name"))));
        });
        routes.post("/api/machines", Scope.ADMIN, r -> add(ctx, r));
        routes.delete("/api/machines/{name}", Scope.ADMIN, r -> remove(ctx, r.param("name")));
    }

    /** Body: {name, ip, path, ssh_user?, ssh_port?, ssh_key?, arch?, roles?, description?} → 201 with the machine. */
    private static Response add(ServerContext ctx, Request r) {
        JsonNode body = r.object();
        String name = RegistryBodies.name(r, "host");
        if (ctx.registry().get().hosts().containsKey(name)) throw ApiError.conflict("host '" + name + "' already exists");
        Map<String, Object> fields = RegistryBodies.fields(body, RegistryLoader.hostKeys());
        RegistryFile.Change c = RegistryEditing.apply(ctx, t -> RegistryEdits.addHost(t, name, fields));
        return Response.created(RegistryJson.machine(c.registry(), c.registry().hosts().get(name)));
    }

    private static Response remove(ServerContext ctx, String name) {
        Known.host(ctx.registry().get(), name);
        RegistryEditing.applyOrConflict(ctx, t -> RegistryEdits.removeHost(t, name));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("removed", name);
        return Response.ok(out);
    }
}

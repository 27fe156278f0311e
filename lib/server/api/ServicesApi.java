package lib.server.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryFile;
import lib.registry.RegistryLoader;
import lib.registry.RegistryView;
import lib.registry.ServiceRemoval;
import lib.registry.ServiceUpdate;
import lib.server.ApiError;
import lib.server.ApiGroup;
import lib.server.Request;
import lib.server.Response;
import lib.server.Routes;
import lib.server.Scope;
import lib.server.ServerContext;

/**
 * /api/services: the registry's services, each as `portoser registry show --json` prints it. Adding, updating
 * and removing are `portoser registry add-service|update|remove` — the same locked, validated, comment-keeping
 * edits; an edit that would break the registry is a 400 with every problem, the file untouched.
 */
public final class ServicesApi implements ApiGroup {
    @Override
    public void register(Routes routes, ServerContext ctx) {
        routes.get("/api/services", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            return Response.ok(reg.services().values().stream().map(s -> RegistryView.details(reg, s)).toList());
        });
        routes.get("/api/services/{name}", Scope.READ, r -> {
            Registry reg = ctx.registry().get();
            return Response.ok(RegistryView.details(reg, Known.service(reg, r.param("name"))));
        });
        routes.post("/api/services", Scope.ADMIN, r -> add(ctx, r));
        routes.put("/api/services/{name}", Scope.ADMIN, r -> update(ctx, r));
        routes.delete("/api/services/{name}", Scope.ADMIN, r -> remove(ctx, r));
    }

    /** Body: {name, current_host, deployment_type, docker_compose | service_file, port?, …} → 201 with the service. */
    private static Response add(ServerContext ctx, Request r) {
        String name = RegistryBodies.name(r, "service");
        Map<String, Object> fields = RegistryBodies.fields(r.object(), RegistryLoader.serviceKeys());
        if (ctx.registry().get().services().containsKey(name)) {
            throw ApiError.conflict("service '" + name + "' already exists (change it with PUT /api/services/" + name + ")");
        }
        RegistryFile.Change c = RegistryEditing.apply(ctx, t -> RegistryEdits.addService(t, name, fields));
        return Response.created(details(c, name));
    }

    /** Body: the fields to set, e.g. {"port": 9090, "tags": ["a"], "healthcheck": {"tcp": 9090}}; null removes one. */
    private static Response update(ServerContext ctx, Request r) {
        String name = r.param("name");
        Known.service(ctx.registry().get(), name);
        List<ServiceUpdate> updates = RegistryBodies.updates(r.object());
        RegistryFile.Change c = RegistryEditing.apply(ctx, t -> {
            for (ServiceUpdate u : updates) t = u.applyTo(t, name);
            return t;
        });
        return Response.ok(details(c, name));
    }

    /** ?force=true also drops it from the dependencies of the services that name it (else 409 naming them). */
    private static Response remove(ServerContext ctx, Request r) {
        String name = r.param("name");
        Known.service(ctx.registry().get(), name);
        List<String> dropped = new ArrayList<>();
        RegistryEditing.applyOrConflict(ctx, t -> {
            ServiceRemoval removal = ServiceRemoval.of(t, name, r.flag("force"));
            dropped.clear();
            dropped.addAll(removal.droppedFrom());
            return removal.text();
        });
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("removed", name);
        out.put("dropped_from", dropped);
        return Response.ok(out);
    }

    private static Map<String, Object> details(RegistryFile.Change c, String name) {
        return RegistryView.details(c.registry(), c.registry().services().get(name));
    }
}

package lib.registry;

import java.util.List;

/**
 * Removing a service as `portoser registry remove` and DELETE /api/services/{name} do it: refused while other
 * services depend on it (naming them), unless forced, which also drops it from their `dependencies` — the only
 * way the result still validates.
 */
public record ServiceRemoval(String text, List<String> droppedFrom) {
    public ServiceRemoval {
        droppedFrom = List.copyOf(droppedFrom);
    }

    public static ServiceRemoval of(String text, String service, boolean force) {
        List<String> dependents = Dependents.of(text, service);
        if (!dependents.isEmpty() && !force) {
            throw new EditException("service '" + service + "' is a dependency of: " + String.join(", ", dependents),
                    "remove it from their dependencies first, or pass --force to do both");
        }
        for (String d : dependents) text = Dependents.without(text, d, service);
        return new ServiceRemoval(RegistryEdits.removeService(text, service), dependents);
    }
}

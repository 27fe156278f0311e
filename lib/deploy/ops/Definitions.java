package lib.deploy.ops;

import java.util.Optional;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.HistoryStore;
import lib.deploy.state.Deployed;
import lib.registry.Registry;
import lib.registry.RegistryLoader;

/**
 * How a service that is no longer in the registry was deployed, so it can be stopped: the registry snapshot of
 * the deploy the state names for it, else the newest record whose snapshot defines it.
 */
public final class Definitions {
    private Definitions() {}

    /** The snapshot registry (relative paths resolved beside {@code current}) defining {@code service}, if any record has it. */
    public static Optional<Registry> of(String service, Deployed d, Registry current, HistoryStore history) {
        if (d.deployId() != null) {
            Optional<Registry> named = history.ids().contains(d.deployId()) ? parse(history.get(d.deployId()), current, service) : Optional.empty();
            if (named.isPresent()) return named;
        }
        for (DeploymentRecord r : history.list()) {
            Optional<Registry> found = parse(r, current, service);
            if (found.isPresent()) return found;
        }
        return Optional.empty();
    }

    /** A record's registry snapshot, loaded as if it were the current file (so service folders resolve the same). */
    public static Optional<Registry> snapshot(DeploymentRecord r, Registry current) {
        if (r.registrySnapshot() == null) return Optional.empty();
        RegistryLoader.Checked c = RegistryLoader.check(current.file(), r.registrySnapshot(), System.getenv());
        return c.ok() ? Optional.of(c.registry()) : Optional.empty();
    }

    private static Optional<Registry> parse(DeploymentRecord r, Registry current, String service) {
        return snapshot(r, current).filter(reg -> reg.services().containsKey(service));
    }
}

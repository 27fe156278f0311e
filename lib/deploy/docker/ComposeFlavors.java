package lib.deploy.docker;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import lib.deploy.DeployException;
import lib.exec.Executor;
import lib.exec.Result;
import lib.registry.Host;

/**
 * Which compose each host has, asked once per host per process: runners are made per call, but a host does
 * not swap its compose mid-run. Only found flavours are kept, so installing compose and retrying works.
 */
public final class ComposeFlavors {
    private static final Map<String, ComposeFlavor> CACHE = new ConcurrentHashMap<>();

    private ComposeFlavors() {}

    /** Cache key: the login that reaches the host (two registry names for one machine share it). */
    static String key(Host h) { return h.sshUser() + "@" + h.ip() + ":" + h.sshPort(); }

    public static Optional<ComposeFlavor> cached(Host h) { return Optional.ofNullable(CACHE.get(key(h))); }

    static void remember(Host h, ComposeFlavor f) { CACHE.put(key(h), f); }

    /** Drops what is known about the host (tests; a host whose docker was reinstalled). */
    public static void forget(Host h) { CACHE.remove(key(h)); }

    /** The host's compose, probing it the first time; DeployException when it has none. */
    public static ComposeFlavor of(Executor ex, Host h) {
        Optional<ComposeFlavor> known = cached(h);
        if (known.isPresent()) return known.get();
        Result r = ex.run(h, DockerCommands.flavourProbe());
        ComposeFlavor f = ComposeFlavor.detect(r.stdout()).orElseThrow(() -> new DeployException(
                h.name() + ": neither `docker compose` nor `docker-compose` is available",
                "install the compose plugin (docker-compose-plugin) or docker-compose on " + h.name()));
        remember(h, f);
        return f;
    }
}

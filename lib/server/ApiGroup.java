package lib.server;

/**
 * One group of API routes in its own small file under lib/server/api (machines, services, status, …). A group
 * registers its routes and may start what it needs (a sampler on {@link ServerContext#scheduler()}), handing
 * anything to close to {@link ServerContext#onStop}. Routes call lib/ functions only: no logic lives here.
 */
public interface ApiGroup {
    void register(Routes routes, ServerContext ctx);
}

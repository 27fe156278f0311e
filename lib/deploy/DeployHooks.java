package lib.deploy;

/**
 * Where a deploy run tells the rest of portoser what happened: the history record and state.yml are written
 * from here. Called from the deploying thread for beforeDeploy/afterDeploy and from worker threads for
 * afterService, so implementations must be thread-safe. Not called at all when preflight fails (nothing changed).
 */
public interface DeployHooks {
    DeployHooks NONE = new DeployHooks() {};

    /** Preflight passed; the first change is about to happen. */
    default void beforeDeploy(String deployId, Plan plan) {}

    /** One service is done (deployed, failed or skipped). */
    default void afterService(ServiceOutcome outcome) {}

    /** The whole run is done; {@code report.id()} is the id given to beforeDeploy. */
    default void afterDeploy(DeployReport report) {}

    /** Both, in order: first this, then {@code next}. */
    default DeployHooks andThen(DeployHooks next) {
        DeployHooks first = this;
        return new DeployHooks() {
            @Override public void beforeDeploy(String id, Plan plan) { first.beforeDeploy(id, plan); next.beforeDeploy(id, plan); }
            @Override public void afterService(ServiceOutcome o) { first.afterService(o); next.afterService(o); }
            @Override public void afterDeploy(DeployReport r) { first.afterDeploy(r); next.afterDeploy(r); }
        };
    }
}

package lib.deploy.state;

import java.time.Instant;
import java.util.function.Supplier;
import lib.deploy.DeployHooks;
import lib.deploy.DeployOptions;
import lib.deploy.Plan;
import lib.deploy.ServiceOutcome;

/**
 * The deployer's hooks that keep state.yml: a service that came up is recorded on its host (with its images and
 * the deploy id, which names the record holding its definition); a service stopped on the host the state has
 * for it is removed. Stopping the old copy after a move leaves the new placement alone.
 */
public final class StateRecorder implements DeployHooks {
    private final StateStore store;
    private final DeployOptions.Action action;
    private final Supplier<String> recordId;
    private volatile String runId;

    /** @param recordId the history record to name in the state (null: the run's own id) */
    public StateRecorder(StateStore store, DeployOptions.Action action, Supplier<String> recordId) {
        this.store = store;
        this.action = action;
        this.recordId = recordId;
    }

    @Override
    public void beforeDeploy(String deployId, Plan plan) { runId = deployId; }

    @Override
    public void afterService(ServiceOutcome o) {
        if (o.result() != ServiceOutcome.Result.DEPLOYED) return;
        if (action == DeployOptions.Action.STOP) store.update(s -> stopped(s, o));
        else store.update(s -> s.with(o.service(), placed(s, o)));
    }

    private Deployed placed(State s, ServiceOutcome o) {
        String id = recordId != null && recordId.get() != null ? recordId.get() : runId;
        Deployed before = s.deployed().get(o.service());
        // start/restart bring up no new images: keep the ones the last deploy recorded on this host.
        boolean keepImages = o.images().isEmpty() && before != null && before.host().equals(o.host());
        return new Deployed(o.host(), keepImages ? before.images() : o.images(), Instant.now().toString(),
                keepImages && action != DeployOptions.Action.DEPLOY ? before.deployId() : id);
    }

    private static State stopped(State s, ServiceOutcome o) {
        Deployed d = s.deployed().get(o.service());
        return d != null && d.host().equals(o.host()) ? s.without(o.service()) : s;
    }
}

package lib.deploy.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import lib.deploy.DeployOptions.Action;
import lib.deploy.DeployReport;
import lib.deploy.ServiceOutcome;
import lib.deploy.history.HistoryStore;
import lib.deploy.state.Deployed;
import lib.deploy.state.State;
import lib.deploy.state.StateDiff;
import lib.deploy.state.StateDiff.Change;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * `apply`: make the hosts match the registry, judged by the state. In order: stop orphans where they run
 * (their definition comes from the history snapshot that deployed them), stop migrated services on their old
 * host, then deploy the migrated and the missing in one dependency-ordered run. A migration whose old copy
 * would not stop is not deployed again elsewhere: two copies must not run at once.
 */
public final class Apply {
    private final Registry registry;
    private final OpContext ctx;
    private final HistoryStore history;
    private final List<String> failures = new ArrayList<>();

    public Apply(Registry registry, OpContext ctx, HistoryStore history) {
        this.registry = registry;
        this.ctx = ctx;
        this.history = history;
    }

    /** @return true when every change was made */
    public boolean run(StateDiff diff) {
        State state = ctx.state().load();
        for (Change o : diff.orphans()) stopOrphan(o, state.deployed().get(o.service()));
        List<String> deploy = new ArrayList<>(stopOldCopies(diff.migrations()));
        diff.missing().forEach(m -> deploy.add(m.service()));
        if (!deploy.isEmpty()) expectAll(ctx.run(registry, deploy, Action.DEPLOY), deploy, "deploy");
        ctx.history().finish(failures.isEmpty(), failures.isEmpty() ? null : String.join("; ", failures));
        return failures.isEmpty();
    }

    public List<String> failures() { return List.copyOf(failures); }

    private void stopOrphan(Change o, Deployed d) {
        Optional<Registry> def = Definitions.of(o.service(), d, registry, history);
        if (def.isEmpty()) {
            failures.add(o.service() + ": no deploy record defines it, so it cannot be stopped from here (stop it on "
                    + o.from() + " by hand, then: portoser refresh)");
            return;
        }
        Service s = Rehome.onHost(def.get().services().get(o.service()), o.from());
        Registry view = Rehome.with(def.get(), List.of(s), Map.of());
        expectAll(ctx.run(view, List.of(o.service()), Action.STOP), List.of(o.service()), "stop orphan");
    }

    /** Stops each migrated service on its old host; returns those that stopped (safe to deploy on the new host). */
    private List<String> stopOldCopies(List<Change> migrations) {
        if (migrations.isEmpty()) return List.of();
        List<Service> old = migrations.stream().map(m -> Rehome.onHost(registry.services().get(m.service()), m.from())).toList();
        List<String> names = migrations.stream().map(Change::service).toList();
        DeployReport r = ctx.run(Rehome.with(registry, old, Map.of()), names, Action.STOP);
        expectAll(r, names, "stop old copy");
        if (r == null) return List.of();
        return r.services().stream().filter(o -> o.result() == ServiceOutcome.Result.DEPLOYED).map(ServiceOutcome::service).toList();
    }

    private void expectAll(DeployReport r, List<String> services, String what) {
        if (r == null) {
            failures.add(what + " " + String.join(", ", services) + ": refused by preflight");
            return;
        }
        for (ServiceOutcome o : r.services()) {
            if (o.result() != ServiceOutcome.Result.DEPLOYED) failures.add(what + " " + o.service() + "@" + o.host() + ": " + o.error());
        }
    }
}

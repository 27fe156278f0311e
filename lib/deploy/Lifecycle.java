package lib.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import lib.exec.Executor;
import lib.registry.DeploymentType;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * Plans for `start`, `stop` and `restart`. Start and restart run in dependency waves (dependencies outside
 * the selection must be healthy, as for deploy); stop runs the waves backwards, and first finds the running
 * services that depend on what is being stopped, so the caller can ask before stopping them too.
 */
public final class Lifecycle {
    private Lifecycle() {}

    public static Plan plan(Registry r, Collection<String> services) {
        return Planner.plan(r, new Planner.Request(null, List.copyOf(services), false, null));
    }

    /** Services outside {@code services} that need one of them (transitively) and run right now, in file order. */
    public static List<String> runningDependents(Registry r, Collection<String> services, Executor executor,
                                                 Function<DeploymentType, Runner> runners) {
        Set<String> affected = new LinkedHashSet<>();
        for (String s : services) affected.addAll(DependencyGraph.impact(r, s).keySet());
        affected.removeAll(services);
        List<String> running = new ArrayList<>();
        for (Service s : r.services().values()) {
            if (affected.contains(s.name()) && isRunning(r, s, executor, runners)) running.add(s.name());
        }
        return running;
    }

    private static boolean isRunning(Registry r, Service s, Executor executor, Function<DeploymentType, Runner> runners) {
        DeployTarget t = DeployTarget.of(r, s, r.hosts().get(s.currentHost()), executor, DeployListener.NONE);
        try {
            return runners.apply(s.deploymentType()).isRunning(t);
        } catch (RuntimeException e) {
            // Unknown means it may be running: ask rather than stop its dependency under it.
            return true;
        }
    }

    /** The selection plus the dependents to stop with it. */
    public static List<String> union(Collection<String> a, Collection<String> b) {
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}

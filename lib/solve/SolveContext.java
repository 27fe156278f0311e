package lib.solve;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Predicate;
import lib.exec.Executor;
import lib.registry.Host;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * What a pattern gets: the executor (pooled SSH or local), the registry and the affected host/service, whether this is
 * a dry run (plan only, change nothing: check mode), whether destructive actions are pre-approved (`--yes`), a way to
 * ask the operator (false when there is no terminal), where to say what it does, and the steps of a recorded playbook
 * for this fingerprint/service/host, if the knowledge base has one (try those first, and say so).
 */
public record SolveContext(Executor executor, Registry registry, Host host, Service service, boolean dryRun,
                           boolean yes, Predicate<String> confirm, PrintWriter out, List<String> playbookSteps) {
    public SolveContext {
        playbookSteps = playbookSteps == null ? List.of() : List.copyOf(playbookSteps);
    }

    /** May a destructive action described by {@code question} run? --yes, else an interactive yes, else no. */
    public boolean mayDestroy(String question) {
        return !dryRun && (yes || confirm.test(question));
    }
}

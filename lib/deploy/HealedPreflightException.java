package lib.deploy;

import java.util.List;
import java.util.Map;

/**
 * Preflight found problems and the self-healing loop looked at them: the diagnosis (and what was tried) per service
 * comes with the problems. {@code changed} says whether a fix ran before the run stopped (the message says so then).
 */
public class HealedPreflightException extends PreflightException {
    private final Map<String, List<HealRecord>> healing;
    private final boolean changed;

    public HealedPreflightException(List<PreflightProblem> problems, Map<String, List<HealRecord>> healing, boolean changed) {
        super(problems);
        this.healing = Map.copyOf(healing);
        this.changed = changed;
    }

    public Map<String, List<HealRecord>> healing() { return healing; }

    public boolean changed() { return changed; }

    @Override
    public String getMessage() {
        String m = super.getMessage();
        return changed ? m.replace("nothing was changed", "only the fixes shown above were applied, nothing was deployed") : m;
    }
}

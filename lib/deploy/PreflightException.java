package lib.deploy;

import java.util.List;

/** Preflight found problems, so nothing was changed. Each problem carries its own hint. */
public class PreflightException extends DeployException {
    private final List<PreflightProblem> problems;

    public PreflightException(List<PreflightProblem> problems) {
        super("preflight found " + problems.size() + " problem" + (problems.size() == 1 ? "" : "s") + "; nothing was changed",
                "fix the problems above and run again");
        this.problems = List.copyOf(problems);
    }

    public List<PreflightProblem> problems() { return problems; }
}

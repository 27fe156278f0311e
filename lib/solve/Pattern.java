package lib.solve;

import lib.diagnose.Problem;

/**
 * The contract of a solve pattern: `patterns/<fingerprint>.java` holds a public class named after the fingerprint
 * (package `patterns`) implementing this, plus a `main` so it also runs alone for a manual fix. The solver finds it
 * by file name and compiles it in-process: dropping the file in is the whole installation. A pattern is
 * conservative: it fixes the cause and lets the deploy step retry; it never masks a bug; destructive steps need
 * {@link SolveContext#mayDestroy}; in a dry run it returns its plan and changes nothing.
 *
 * <p><b>Action descriptions are keys.</b> The learn stage records the descriptions of the actions that worked in the
 * fingerprint's playbook, and the solver hands them back ({@link SolveContext#playbookSteps}) the next time. Write
 * each description as a stable name, then ": " and this run's details (counts, pids, paths):
 * {@code "remove old rotated logs of this tool: 3 file(s) in /srv/.portoser/logs"}. {@link Steps#key} is the part
 * before ": "; never reword it, or every playbook that recorded it stops matching. When a pattern has several
 * alternative ways to fix a problem, it orders them with {@link Steps#preferRecorded} (recorded ones first, in the
 * recorded order) and says so in its outcome ("trying the recorded playbook first: …", {@link Steps.Ordered#explain}).
 */
public interface Pattern {
    Outcome solve(Problem problem, SolveContext context);
}

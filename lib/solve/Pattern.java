package lib.solve;

import lib.diagnose.Problem;

/**
 * The contract of a solve pattern: `patterns/<fingerprint>.java` holds a public class named after the fingerprint
 * (package `patterns`) implementing this, plus a `main` so it also runs alone for a manual fix. The solver finds it
 * by file name and compiles it in-process: dropping the file in is the whole installation. A pattern is
 * conservative: it fixes the cause and lets the deploy step retry; it never masks a bug; destructive steps need
 * {@link SolveContext#mayDestroy}; in a dry run it returns its plan and changes nothing.
 */
public interface Pattern {
    Outcome solve(Problem problem, SolveContext context);
}

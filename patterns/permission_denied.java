///usr/bin/env jbang "$0" "$@" ; exit $?
//JAVA 17+
//DEPS info.picocli:picocli:4.7.7
//DEPS org.snakeyaml:snakeyaml-engine:2.10
//DEPS com.fasterxml.jackson.core:jackson-databind:2.22.4
//DEPS com.hierynomus:sshj:0.40.0
//DEPS org.slf4j:slf4j-nop:2.0.17
//SOURCES ../lib/**.java
package patterns;

import java.util.List;
import lib.diagnose.Problem;
import lib.solve.Details;
import lib.solve.Outcome;
import lib.solve.Pattern;
import lib.solve.PatternMain;
import lib.solve.SolveContext;
import lib.solve.Steps;
import lib.util.Sh;

/**
 * Fingerprint: permission_denied — a bind-mount dir, socket, key or file the service needs is not accessible.
 * Reads details: path; optional user (who needs access; default the host's SSH user), access (read|write, default read).
 * Changes: nothing, ever — ownership is a decision for a person. It looks at the path on the host and gives up
 * with its owner, group and mode and the exact chown/chmod (or group membership) that would fix it. Not destructive.
 */
public class permission_denied implements Pattern {
    @Override
    public Outcome solve(Problem problem, SolveContext ctx) {
        String path = Details.str(problem, "path");
        if (path == null) return Outcome.gaveUp(List.of(), "permission denied, but the problem names no path: " + problem.summary());
        String user = Details.str(problem, "user") != null ? Details.str(problem, "user") : ctx.host().sshUser();
        boolean write = "write".equals(Details.str(problem, "access"));
        String stat = Steps.check(ctx, "stat -c '%U %G %a %F' " + Sh.quote(path) + " 2>&1 || stat -f '%Su %Sg %Lp %HT' " + Sh.quote(path)).stdout().strip();
        return Outcome.gaveUp(List.of(), explain(path, user, write, stat));
    }

    /** Pure: the message from `stat` output (`owner group mode type`). */
    static String explain(String path, String user, boolean write, String stat) {
        String[] f = stat.split(" ", 4);
        if (f.length < 4 || !f[2].matches("[0-7]+")) return path + ": cannot inspect it (" + stat + "); no automatic fix for permissions";
        boolean dir = f[3].contains("directory"), socket = f[3].contains("socket");
        String need = socket ? "rw" : (write ? "w" : "r") + (dir ? "x" : "");
        String fix = socket ? "add " + user + " to group " + f[1] + " (usermod -aG " + f[1] + " " + user + ") or `chmod g+rw " + path + "`"
                : "`chown " + user + " " + path + "`, or `chmod o+" + need + " " + path + "`";
        return path + " is " + f[3] + " owned by " + f[0] + ":" + f[1] + " with mode " + f[2] + "; " + user + " needs " + need
                + " on it. No automatic fix (ownership is yours to decide): " + fix;
    }

    public static void main(String[] args) {
        System.exit(PatternMain.run(new permission_denied(), "permission_denied", args));
    }
}

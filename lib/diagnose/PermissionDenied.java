package lib.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import lib.observe.Observation;

/**
 * permission_denied: the ssh user cannot write the host path or service dir, read a bind-mount source, use the
 * docker socket, or log in with its key. No automatic fix: the hint names the path and the ownership/mode (or
 * read-only mount) to change.
 */
public final class PermissionDenied implements Matcher {
    @Override public String fingerprint() { return "permission_denied"; }

    static boolean deniedText(String s) { return s.toLowerCase().contains("permission denied"); }

    @Override
    public List<Problem> match(List<Observation> obs) {
        List<Problem> out = new ArrayList<>();
        for (int i = 0; i < obs.size(); i++) {
            Observation o = obs.get(i);
            Problem p = switch (o.kind()) {
                case "permission" -> path(o, i);
                case "docker" -> Facts.str(o, "state").equals("down") && deniedText(Facts.str(o, "detail"))
                        ? problem(o, i, "docker socket", "the docker socket refuses " + Facts.str(o, "detail"),
                        "add the ssh user to the socket's group: usermod -aG docker <user> (then log in again)") : null;
                case "ssh" -> Facts.str(o, "kind").matches("AUTH_FAILED|NO_KEY")
                        ? problem(o, i, "ssh key", "the host refuses the SSH key: " + Facts.str(o, "message"), Facts.str(o, "hint")) : null;
                default -> null;
            };
            if (p != null) out.add(p);
        }
        return out;
    }

    /** What each kind of path needs: the service's files must be writable, bind sources readable, the socket both. */
    private Problem path(Observation o, int i) {
        if (!Facts.isTrue(o, "exists")) return null;
        String what = Facts.str(o, "what");
        boolean needW = !what.equals("bind"), r = Facts.isTrue(o, "readable"), w = Facts.isTrue(o, "writable");
        if (r && (w || !needW)) return null;
        String path = Facts.str(o, "path"), user = Facts.str(o, "user"), lacks = !r ? "readable" : "writable";
        String summary = what.replace('_', ' ') + " " + path + " is not " + lacks + " by " + user;
        return problem(o, i, path, summary, fix(o, path, user, needW));
    }

    private static String fix(Observation o, String path, String user, boolean needW) {
        if (needW && Facts.isTrue(o, "read_only_mount")) {
            return path + " is on a read-only mount: remount it read-write (mount -o remount,rw <mount>) or give the host another path";
        }
        String[] own = Facts.str(o, "owner").split(":");
        return "now " + Facts.str(o, "owner") + " mode " + Facts.str(o, "mode") + "; fix: chown " + user + " " + path
                + " && chmod u+r" + (needW ? "w" : "") + "X " + path
                + (own.length > 1 ? " (or add " + user + " to group " + own[1] + " and chmod g+r" + (needW ? "w" : "") + "X)" : "");
    }

    private Problem problem(Observation o, int i, String path, String summary, String hint) {
        return Problems.from(fingerprint(), o, i, Problem.Severity.HIGH, 0.9, summary, hint,
                Map.of("path", path, "what", Facts.str(o, "what").isEmpty() ? o.kind() : Facts.str(o, "what")));
    }
}

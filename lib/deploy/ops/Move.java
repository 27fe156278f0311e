package lib.deploy.ops;

import java.util.List;
import java.util.Map;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.deploy.DeployOptions.Action;
import lib.deploy.DeployReport;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryFile;
import lib.registry.Service;

/**
 * `move SVC FROM TO`: deploy on TO (preflight, sync, up, health) while FROM keeps serving; only once TO is
 * healthy, stop FROM and point the registry (one locked, atomic edit) and the state at TO. When TO fails, FROM
 * is left running, the failed copy on TO is stopped and the registry is not touched.
 */
public final class Move {
    public enum Outcome { MOVED, MOVED_SOURCE_STILL_RUNNING, TARGET_REFUSED, TARGET_FAILED }

    private final Registry registry;
    private final OpContext ctx;

    public Move(Registry registry, OpContext ctx) {
        this.registry = registry;
        this.ctx = ctx;
    }

    /** Checks the request against the registry before anything runs (exit 2 on a mismatch). */
    public static Service check(Registry r, String service, String from, String to) {
        Service s = r.service(service).orElseThrow(() -> bad("unknown service '" + service + "'", "services are: " + String.join(", ", r.services().keySet())));
        for (String h : List.of(from, to)) {
            if (r.host(h).isEmpty()) throw bad("unknown host '" + h + "'", "hosts are: " + String.join(", ", r.hosts().keySet()));
        }
        if (!s.currentHost().equals(from)) throw bad(service + " is on " + s.currentHost() + " in the registry, not " + from,
                "portoser move " + service + " " + s.currentHost() + " " + to);
        if (from.equals(to)) throw bad(service + " is already on " + to, null);
        return s;
    }

    public Outcome run(Service s, String from, String to) {
        Registry onTarget = Rehome.with(registry, List.of(Rehome.onHost(s, to)), Map.of());
        DeployReport up = ctx.run(onTarget, List.of(s.name()), Action.DEPLOY);
        if (up == null) return Outcome.TARGET_REFUSED;
        if (!up.ok()) {
            ctx.run(onTarget, List.of(s.name()), Action.STOP);
            ctx.history().finish(false, "deploy on " + to + " failed; " + s.name() + " still runs on " + from + ", registry unchanged");
            return Outcome.TARGET_FAILED;
        }
        boolean stopped = OpContext.ok(ctx.run(registry, List.of(s.name()), Action.STOP));
        RegistryFile.edit(registry.file(), t -> RegistryEdits.moveService(t, s.name(), to));
        ctx.history().finish(stopped, stopped ? null : "moved to " + to + ", but stopping it on " + from + " failed");
        return stopped ? Outcome.MOVED : Outcome.MOVED_SOURCE_STILL_RUNNING;
    }

    /** The one line that says how a move ended (the CLI prints it, the web API reports it). */
    public static String describe(Outcome o, String service, String from, String to) {
        return switch (o) {
            case MOVED -> service + " moved " + from + " -> " + to + ": registry and state updated";
            case MOVED_SOURCE_STILL_RUNNING -> service + " runs on " + to + " and the registry says so, but it could not be stopped on " + from;
            case TARGET_REFUSED -> "not moved: preflight on " + to + " refused; nothing was changed";
            case TARGET_FAILED -> "not moved: " + service + " did not come up healthy on " + to + "; it still runs on " + from + " and the registry is unchanged";
        };
    }

    private static PortoserException bad(String msg, String hint) { return new PortoserException(ExitCode.BAD_INPUT, msg, hint); }
}

package lib.deploy.ops;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.deploy.DeployOptions.Action;
import lib.deploy.DeployReport;
import lib.deploy.ServiceOutcome;
import lib.deploy.history.DeploymentRecord;
import lib.deploy.history.ServiceFiles;
import lib.deploy.state.Deployed;
import lib.deploy.state.State;
import lib.registry.Registry;
import lib.registry.RegistryEdits;
import lib.registry.RegistryFile;
import lib.registry.Service;

/**
 * `history rollback ID`: redeploy what a past deploy deployed — each service as that record's registry snapshot
 * defined it, from its recorded compose file / service file, on the host it ran on then. The recorded files are
 * written into a temporary copy of the service folder (the user's folder is never changed). A service now
 * running elsewhere is stopped there first; the registry's current_host is pointed back so a later `apply` does
 * not undo the rollback. Afterwards the image ids that came up are checked against the recorded ones.
 * <p>Image ids are pinned through the recorded file: its `image:` names the tag the record deployed. Tags are
 * not moved back on the host: a tag is shared by every project there, and a silent retag would change what
 * they run next. When a tag now points elsewhere the drift is reported with the command to retag by hand.
 */
public final class Rollback {
    /** What a rollback will do, computed before anything changes (also the --dry-run output). */
    public record Steps(List<String> services, Map<String, String> placements, Map<String, String> stopFirst,
                        List<String> registryLines, Map<String, List<String>> restoredFiles) {}

    private final Registry current;

    public Rollback(Registry current) {
        this.current = current;
    }

    public Registry snapshot(DeploymentRecord r) {
        return Definitions.snapshot(r, current).orElseThrow(() -> new PortoserException(ExitCode.FAILED,
                r.id() + ": its registry snapshot does not load any more (a service file or folder it names is gone?)",
                "see it with: portoser history show " + r.id() + " --json"));
    }

    public Steps plan(DeploymentRecord r, State state) {
        Map<String, String> placements = r.placements();
        if (placements.isEmpty()) throw new PortoserException(ExitCode.FAILED, r.id() + " deployed nothing successfully; there is nothing to roll back to",
                "pick another: portoser history list");
        Map<String, String> stopFirst = new LinkedHashMap<>();
        placements.forEach((svc, host) -> {
            Deployed d = state.deployed().get(svc);
            if (d != null && !d.host().equals(host)) stopFirst.put(svc, d.host());
        });
        RegistryFile.Change c = RegistryFile.edit(current.file(), registryEdit(placements), System.getenv(), true);
        return new Steps(List.copyOf(placements.keySet()), placements, stopFirst, lib.registry.TextDiff.changedLines(c.before(), c.after()),
                restoredFiles(r));
    }

    public boolean run(DeploymentRecord r, Steps steps, OpContext ctx) {
        Registry snap = snapshot(r);
        List<String> failures = new ArrayList<>();
        if (!steps.stopFirst().isEmpty()) stopElsewhere(snap, steps.stopFirst(), ctx, failures);
        try (RecordedFolders folders = RecordedFolders.create()) {
            List<Service> placed = steps.services().stream().map(s -> recorded(r, snap, s, steps, folders, ctx)).toList();
            DeployReport rep = ctx.run(Rehome.with(current, placed, snap.hosts()), steps.services(), Action.DEPLOY);
            if (!OpContext.ok(rep)) failures.add(rep == null ? "refused by preflight" : lib.deploy.DeployText.counts(rep));
            if (rep != null) imageDrift(r, rep, ctx);
        }
        if (failures.isEmpty()) RegistryFile.edit(current.file(), registryEdit(steps.placements()));
        ctx.history().finish(failures.isEmpty(), failures.isEmpty() ? null : String.join("; ", failures));
        return failures.isEmpty();
    }

    /** The snapshot's definition of {@code name} on its recorded host, deployed from its recorded files when the record kept them. */
    private Service recorded(DeploymentRecord r, Registry snap, String name, Steps steps, RecordedFolders folders, OpContext ctx) {
        Service s = Rehome.onHost(snap.services().get(name), steps.placements().get(name));
        Map<String, String> files = r.files().get(name);
        if (files != null) return folders.restore(snap, s, files);
        ctx.console().warn(name + ": " + r.id() + " kept no copy of its compose / service file; deploying the folder as it is now");
        return s;
    }

    /** Per service, the recorded files that differ from its folder now (what the rollback brings back). */
    private Map<String, List<String>> restoredFiles(DeploymentRecord r) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        Registry snap = Definitions.snapshot(r, current).orElse(null);
        r.files().forEach((svc, files) -> {
            Service s = snap == null ? null : snap.services().get(svc);
            if (s == null) return;
            java.nio.file.Path dir = lib.deploy.ServiceDirs.localDir(snap, s);
            List<String> differ = files.entrySet().stream().filter(f -> !f.getValue().equals(ServiceFiles.read(dir.resolve(f.getKey()))))
                    .map(Map.Entry::getKey).toList();
            out.put(svc, differ);
        });
        return out;
    }

    private void stopElsewhere(Registry snap, Map<String, String> where, OpContext ctx, List<String> failures) {
        List<Service> old = new ArrayList<>();
        where.forEach((svc, host) -> old.add(Rehome.onHost(current.service(svc).orElse(snap.services().get(svc)), host)));
        DeployReport r = ctx.run(Rehome.with(current, old, snap.hosts()), List.copyOf(where.keySet()), Action.STOP);
        if (!OpContext.ok(r)) failures.add("could not stop " + String.join(", ", where.keySet()) + " where they run now");
    }

    /** Tags may have moved since: say so when an image id differs from the one recorded. */
    private static void imageDrift(DeploymentRecord r, DeployReport rep, OpContext ctx) {
        Map<String, Map<String, String>> recorded = r.images();
        for (ServiceOutcome o : rep.services()) {
            Map<String, String> want = recorded.getOrDefault(o.service(), Map.of());
            want.forEach((ctr, id) -> {
                String got = o.images().get(ctr);
                if (got == null || got.equals(id)) return;
                ctx.console().warn(o.service() + ": " + ctr + " came up with image " + got + ", not the recorded " + id + " (its tag was moved since)");
                ctx.console().hint("if " + id + " is still on " + o.host() + ": docker tag " + id + " <the image: of the recorded file>, then roll back again");
            });
        }
    }

    private UnaryOperator<String> registryEdit(Map<String, String> placements) {
        return text -> {
            String t = text;
            for (var e : placements.entrySet()) {
                if (current.services().containsKey(e.getKey())) t = RegistryEdits.setCurrentHost(t, e.getKey(), e.getValue());
            }
            return t;
        };
    }
}

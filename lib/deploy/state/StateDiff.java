package lib.deploy.state;

import java.util.ArrayList;
import java.util.List;
import lib.registry.Registry;
import lib.registry.Service;

/**
 * Pure: what `apply` must do to make the hosts match the registry, judged from the state. Orphans are in the
 * state but no longer in the registry (stop them where they run), migrations run on another host than the
 * registry says (stop there, deploy on the new host), missing are in the registry but not deployed.
 */
public record StateDiff(List<Change> orphans, List<Change> migrations, List<Change> missing, List<String> unchanged) {
    /** One service to change: {@code from} is where it runs now (null when missing), {@code to} where it should (null for an orphan). */
    public record Change(String service, String from, String to) {}

    public StateDiff {
        orphans = List.copyOf(orphans);
        migrations = List.copyOf(migrations);
        missing = List.copyOf(missing);
        unchanged = List.copyOf(unchanged);
    }

    public static StateDiff of(Registry registry, State state) {
        List<Change> orphans = new ArrayList<>(), migrations = new ArrayList<>(), missing = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        state.deployed().forEach((name, d) -> {
            if (registry.service(name).isEmpty()) orphans.add(new Change(name, d.host(), null));
        });
        for (Service s : registry.services().values()) {
            Deployed d = state.deployed().get(s.name());
            if (d == null) missing.add(new Change(s.name(), null, s.currentHost()));
            else if (!d.host().equals(s.currentHost())) migrations.add(new Change(s.name(), d.host(), s.currentHost()));
            else unchanged.add(s.name());
        }
        return new StateDiff(orphans, migrations, missing, unchanged);
    }

    public boolean empty() { return orphans.isEmpty() && migrations.isEmpty() && missing.isEmpty(); }

    /** One line per change, orphans first (the order apply acts in), e.g. `~ web  h1 -> h2  (migrate)`. */
    public List<String> lines() {
        List<String> out = new ArrayList<>();
        for (Change c : orphans) out.add("- " + c.service() + "  on " + c.from() + "  (orphan: stop)");
        for (Change c : migrations) out.add("~ " + c.service() + "  " + c.from() + " -> " + c.to() + "  (migrate: stop, deploy)");
        for (Change c : missing) out.add("+ " + c.service() + "  -> " + c.to() + "  (missing: deploy)");
        return out;
    }
}

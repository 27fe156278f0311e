package lib.deploy.state;

import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** What portoser believes is deployed: service → where it runs. Immutable; changes return a new State. */
public record State(Map<String, Deployed> deployed) {
    public static final State EMPTY = new State(Map.of());

    public State {
        deployed = Collections.unmodifiableMap(new TreeMap<>(deployed == null ? Map.of() : deployed));
    }

    public Optional<Deployed> get(String service) { return Optional.ofNullable(deployed.get(service)); }

    public State with(String service, Deployed d) {
        TreeMap<String, Deployed> m = new TreeMap<>(deployed);
        m.put(service, d);
        return new State(m);
    }

    public State without(String service) {
        TreeMap<String, Deployed> m = new TreeMap<>(deployed);
        m.remove(service);
        return new State(m);
    }
}

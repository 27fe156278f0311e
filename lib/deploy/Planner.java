package lib.deploy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.registry.Registry;
import lib.registry.Service;
import lib.registry.Suggest;

/**
 * Turns "what the user asked for" into a {@link Plan}. Pure: reads a loaded registry, touches nothing.
 * The registry loader already rejects dependency cycles and unknown dependencies, so waves always exist.
 */
public final class Planner {
    private Planner() {}

    /** `deploy [HOST] SERVICE…`, `--all`, `--tag T`; {@code host} filters (or, with names, must match). */
    public record Request(String host, List<String> services, boolean all, String tag) {
        public Request {
            services = services == null ? List.of() : List.copyOf(services);
        }

        public static Request of(String... services) { return new Request(null, List.of(services), false, null); }

        public static Request everything() { return new Request(null, List.of(), true, null); }
    }

    /**
     * Reads positional words: a first word naming a host (and not a service, unless more words follow or
     * --all/--tag is given) is the host; the rest are services.
     */
    public static Request parse(Registry r, List<String> words, boolean all, String tag) {
        if (words.isEmpty()) return new Request(null, List.of(), all, tag);
        String first = words.get(0);
        boolean hostFirst = r.hosts().containsKey(first)
                && (words.size() > 1 || all || tag != null || !r.services().containsKey(first));
        return hostFirst ? new Request(first, words.subList(1, words.size()), all, tag) : new Request(null, words, all, tag);
    }

    public static Plan plan(Registry r, Request req) {
        List<Service> selected = select(r, req);
        Map<String, Integer> wave = waves(r, names(selected));
        int last = wave.values().stream().mapToInt(Integer::intValue).max().orElse(0);
        List<Plan.Wave> waves = new ArrayList<>();
        for (int n = 1; n <= last; n++) {
            int number = n;
            waves.add(new Plan.Wave(n, selected.stream().filter(s -> wave.get(s.name()) == number).map(Planner::step).toList()));
        }
        return new Plan(describe(req), waves, external(r, selected));
    }

    /** The selected services in registry order, after checking every name. */
    static List<Service> select(Registry r, Request req) {
        checkCombination(req);
        if (req.host() != null) requireKnown("host", req.host(), r.hosts().keySet(), null);
        if (req.tag() != null) requireKnown("tag", req.tag(), tags(r), null);
        for (String s : req.services()) requireKnown("service", s, r.services().keySet(), r.hosts().containsKey(s)
                ? "'" + s + "' is a host: put it first (deploy " + s + " SERVICE…)" : null);
        List<Service> out = r.services().values().stream().filter(s -> matches(s, req)).toList();
        if (req.host() != null && !req.services().isEmpty()) requireOnHost(r, req);
        if (out.isEmpty()) throw new PortoserException(ExitCode.BAD_INPUT, "no service matches " + describe(req),
                "see what runs where: portoser registry list");
        return out;
    }

    private static void checkCombination(Request req) {
        if (req.services().isEmpty() && !req.all() && req.tag() == null && req.host() == null) {
            throw new PortoserException(ExitCode.BAD_INPUT, "nothing selected", "name services, or use --all or --tag TAG");
        }
        if (!req.services().isEmpty() && (req.all() || req.tag() != null)) {
            throw new PortoserException(ExitCode.BAD_INPUT, "give service names or --all/--tag, not both",
                    "e.g. portoser deploy web api, or portoser deploy --tag frontend");
        }
    }

    private static boolean matches(Service s, Request req) {
        if (!req.services().isEmpty()) return req.services().contains(s.name());
        if (req.host() != null && !s.currentHost().equals(req.host())) return false;
        return req.tag() == null || s.tags().contains(req.tag());
    }

    private static void requireOnHost(Registry r, Request req) {
        for (String name : req.services()) {
            String on = r.services().get(name).currentHost();
            if (!on.equals(req.host())) {
                throw new PortoserException(ExitCode.BAD_INPUT, name + " runs on " + on + ", not " + req.host(),
                        "to move it: portoser move " + name + " " + on + " " + req.host());
            }
        }
    }

    static void requireKnown(String what, String name, Collection<String> known, String extraHint) {
        if (known.contains(name)) return;
        String dym = Suggest.didYouMean(name, known);
        String hint = extraHint != null ? extraHint : dym != null ? dym
                : known.isEmpty() ? "the registry has no " + what + "s" : what + "s are: " + String.join(", ", known);
        throw new PortoserException(ExitCode.BAD_INPUT, "unknown " + what + " '" + name + "'", hint);
    }

    static Set<String> tags(Registry r) {
        Set<String> t = new LinkedHashSet<>();
        r.services().values().forEach(s -> t.addAll(s.tags()));
        return t;
    }

    /** Wave per selected service: 1 + the highest wave among its selected dependencies. */
    static Map<String, Integer> waves(Registry r, Set<String> selected) {
        Map<String, Integer> memo = new HashMap<>();
        for (String s : selected) wave(r, s, selected, memo);
        return memo;
    }

    private static int wave(Registry r, String name, Set<String> selected, Map<String, Integer> memo) {
        Integer known = memo.get(name);
        if (known != null) return known;
        int w = 1;
        for (String d : r.services().get(name).dependencies()) {
            if (selected.contains(d)) w = Math.max(w, 1 + wave(r, d, selected, memo));
        }
        memo.put(name, w);
        return w;
    }

    private static List<Plan.External> external(Registry r, List<Service> selected) {
        Set<String> names = names(selected);
        Map<String, List<String>> neededBy = new LinkedHashMap<>();
        for (Service s : selected) {
            for (String d : s.dependencies()) if (!names.contains(d)) neededBy.computeIfAbsent(d, k -> new ArrayList<>()).add(s.name());
        }
        List<Plan.External> out = new ArrayList<>();
        neededBy.forEach((d, by) -> out.add(new Plan.External(d, r.services().get(d).currentHost(), by)));
        return out;
    }

    private static Plan.Step step(Service s) {
        return new Plan.Step(s.name(), s.currentHost(), s.deploymentType().yamlName(), s.dependencies());
    }

    static Set<String> names(Collection<Service> services) {
        Set<String> n = new LinkedHashSet<>();
        services.forEach(s -> n.add(s.name()));
        return n;
    }

    static String describe(Request req) {
        String what = !req.services().isEmpty() ? String.join(", ", req.services())
                : req.tag() != null ? "tag " + req.tag() : req.all() ? "all services" : "all services";
        return req.host() != null ? what + " on " + req.host() : what;
    }
}

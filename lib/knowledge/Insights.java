package lib.knowledge;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One service's story: what failed, what was fixed automatically (and how), what is still unresolved, what recurs. */
public record Insights(String service, List<Failed> failed, List<Fixed> autoFixed, List<Unresolved> unresolved,
                       List<Recurring> recurring) {
    public record Failed(String fingerprint, int count, List<String> hosts, String lastSeen) {}

    public record Fixed(String fingerprint, int count, List<String> steps) {}

    /** An attempt that did not resolve: the pattern's last word on it, and the diagnosis's hint. */
    public record Unresolved(String fingerprint, int count, String lastSeen, String lastMessage, String hint) {}

    public boolean isEmpty() { return failed.isEmpty(); }

    public static Insights of(KnowledgeBase kb, String service) {
        List<Recurring> mine = Recurring.of(kb).stream().filter(r -> service.equals(r.service())).toList();
        List<Failed> failed = mine.stream().map(r -> new Failed(r.fingerprint(), r.count(), r.hosts(), r.lastSeen())).toList();
        return new Insights(service, failed, fixed(kb, service), unresolved(kb, service),
                mine.stream().filter(Recurring::probablyConfigBug).toList());
    }

    private static List<Fixed> fixed(KnowledgeBase kb, String service) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        kb.events().stream().filter(e -> service.equals(e.service()) && e.resolved()).forEach(e -> counts.merge(e.fingerprint(), 1, Integer::sum));
        List<Fixed> out = new ArrayList<>();
        counts.forEach((fp, n) -> out.add(new Fixed(fp, n, stepsOfService(kb, fp, service))));
        return out;
    }

    /** The steps that worked for this service, on any host. */
    private static List<String> stepsOfService(KnowledgeBase kb, String fingerprint, String service) {
        return kb.playbook(fingerprint).map(pb -> pb.entries().stream().filter(e -> service.equals(e.service()))
                .flatMap(e -> e.steps().stream().map(Playbook.Step::step)).distinct().toList()).orElse(List.of());
    }

    private static List<Unresolved> unresolved(KnowledgeBase kb, String service) {
        Map<String, Unresolved> byFp = new LinkedHashMap<>();
        for (ProblemEvent e : kb.events()) {
            if (!service.equals(e.service()) || e.resolved()) continue;
            int n = byFp.containsKey(e.fingerprint()) ? byFp.get(e.fingerprint()).count() + 1 : 1;
            String msg = e.outcome() == null ? null : e.outcome().status() + ": " + e.outcome().message();
            byFp.put(e.fingerprint(), new Unresolved(e.fingerprint(), n, e.ts(), msg, e.problem() == null ? null : e.problem().hint()));
        }
        return List.copyOf(byFp.values());
    }
}

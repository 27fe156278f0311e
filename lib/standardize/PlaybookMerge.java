package lib.standardize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.diagnose.Problem;
import lib.knowledge.Playbook;
import lib.knowledge.Playbook.Entry;
import lib.knowledge.Playbook.Step;
import lib.solve.Action;
import lib.solve.Outcome;

/** Pure: folds one successful resolution into a fingerprint's playbook (counts up, last seen moves, steps merge). */
public final class PlaybookMerge {
    private PlaybookMerge() {}

    public static Playbook merge(Playbook old, Problem p, Outcome o, String ts) {
        Playbook base = old != null ? old : new Playbook(p.fingerprint(), 0, ts, ts, null, null, List.of());
        List<Entry> entries = new ArrayList<>(base.entries());
        int i = indexOf(entries, p.service(), p.host());
        Entry e = i >= 0 ? entries.get(i) : new Entry(p.service(), p.host(), 0, ts, List.of());
        Entry updated = new Entry(e.service(), e.host(), e.count() + 1, ts, mergeSteps(e.steps(), worked(o), ts));
        if (i >= 0) entries.set(i, updated);
        else entries.add(updated);
        return new Playbook(base.fingerprint(), base.resolvedCount() + 1, base.firstSeen(), ts, p.summary(), p.hint(), entries);
    }

    /** The actions that ran; a pattern that fixed by waiting (nothing marked done) still taught us its plan. */
    static List<Action> worked(Outcome o) {
        List<Action> done = o.actions().stream().filter(Action::done).toList();
        return done.isEmpty() ? o.actions() : done;
    }

    private static List<Step> mergeSteps(List<Step> old, List<Action> worked, String ts) {
        Map<String, Step> byStep = new LinkedHashMap<>();
        old.forEach(s -> byStep.put(s.step(), s));
        for (Action a : worked) {
            Step s = byStep.get(a.description());
            byStep.put(a.description(), new Step(a.description(), a.command() != null ? a.command() : s == null ? null : s.command(),
                    s == null ? 1 : s.successes() + 1, ts));
        }
        return List.copyOf(byStep.values());
    }

    private static int indexOf(List<Entry> entries, String service, String host) {
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (java.util.Objects.equals(e.service(), service) && java.util.Objects.equals(e.host(), host)) return i;
        }
        return -1;
    }
}

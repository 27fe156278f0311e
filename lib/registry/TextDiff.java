package lib.registry;

import java.util.ArrayList;
import java.util.List;

/** The changed lines between two texts that differ in one region, as `@@ -a,n +b,m @@` and -/+ lines. */
public final class TextDiff {
    private TextDiff() {}

    public static List<String> changedLines(String before, String after) {
        List<String> a = before.lines().toList(), b = after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) tail++;
        List<String> out = new ArrayList<>();
        if (head == a.size() && head == b.size()) return out;
        int removed = a.size() - head - tail, added = b.size() - head - tail;
        out.add("@@ -" + (head + 1) + "," + removed + " +" + (head + 1) + "," + added + " @@");
        for (String l : a.subList(head, head + removed)) out.add("- " + l);
        for (String l : b.subList(head, head + added)) out.add("+ " + l);
        return out;
    }
}

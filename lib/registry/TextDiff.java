package lib.registry;

import java.util.ArrayList;
import java.util.List;

/**
 * The changed lines between two versions of a registry, as `@@ -LINE +LINE @@` hunks of `- ` and
 * `+ ` lines, for `--dry-run`. A plain LCS over the region between the common head and tail:
 * registry files are small and an edit touches a few lines.
 */
public final class TextDiff {
    private TextDiff() {}

    public static List<String> changedLines(String before, String after) {
        List<String> a = before.lines().toList(), b = after.lines().toList();
        int head = 0;
        while (head < a.size() && head < b.size() && a.get(head).equals(b.get(head))) head++;
        int tail = 0;
        while (tail < a.size() - head && tail < b.size() - head
                && a.get(a.size() - 1 - tail).equals(b.get(b.size() - 1 - tail))) tail++;
        return hunks(a.subList(head, a.size() - tail), b.subList(head, b.size() - tail), head);
    }

    private static List<String> hunks(List<String> a, List<String> b, int offset) {
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> out = new ArrayList<>();
        int i = 0, j = 0;
        boolean inHunk = false;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                i++;
                j++;
                inHunk = false;
                continue;
            }
            if (!inHunk) out.add("@@ -" + (offset + i + 1) + " +" + (offset + j + 1) + " @@");
            inHunk = true;
            // Removals first, as people read a replacement: the old line, then the new one.
            if (i < a.size() && (j == b.size() || lcs[i + 1][j] >= lcs[i][j + 1])) out.add("- " + a.get(i++));
            else out.add("+ " + b.get(j++));
        }
        return out;
    }
}

package lib.registry;

import java.util.Collection;
import java.util.Optional;

/** "did you mean …?" by edit distance. */
public final class Suggest {
    private Suggest() {}

    public static Optional<String> closest(String typed, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(typed.toLowerCase(), k.toLowerCase());
            if (d < bestDistance) { best = k; bestDistance = d; }
        }
        // Two edits turn any 3-letter word into another ("dbb" -> "web"): short words get one, or a prefix match.
        int allowed = typed.length() <= 3 ? 1 : Math.max(2, typed.length() / 3);
        boolean prefix = best != null && typed.length() >= 2 && best.toLowerCase().startsWith(typed.toLowerCase());
        return best != null && (bestDistance <= allowed || prefix) ? Optional.of(best) : Optional.empty();
    }

    /** A hint string: "did you mean `x`?" or null. */
    public static String didYouMean(String typed, Collection<String> known) {
        return closest(typed, known).map(k -> "did you mean `" + k + "`?").orElse(null);
    }

    /** Edit distance where swapping two neighbours counts as one edit: the commonest typo ("wbe"). */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}

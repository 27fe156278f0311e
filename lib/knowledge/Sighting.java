package lib.knowledge;

import java.util.Optional;

/** One line of `problem_frequency.txt`: `ts|fingerprint|service|host`, one per problem seen, fixed or not. */
public record Sighting(String ts, String fingerprint, String service, String host) {
    public String line() {
        return clean(ts) + "|" + clean(fingerprint) + "|" + clean(service) + "|" + clean(host);
    }

    /** A line we cannot read (hand-edited, torn by an older tool) is skipped, not fatal. */
    public static Optional<Sighting> parse(String line) {
        String[] f = line.strip().split("\\|", -1);
        if (f.length != 4 || f[0].isEmpty() || f[1].isEmpty()) return Optional.empty();
        return Optional.of(new Sighting(f[0], f[1], f[2], f[3]));
    }

    /** The separator and line breaks cannot appear inside a field. */
    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[|\\r\\n]", "_");
    }
}

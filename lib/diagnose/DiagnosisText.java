package lib.diagnose;

import java.util.List;
import lib.cli.Console;
import lib.observe.Observation;

/**
 * The human `diagnose` output: each problem with its severity, confidence, the evidence line that proved it and
 * a hint; unmatched ones with their raw evidence; then the health score. Pure text.
 */
public final class DiagnosisText {
    private DiagnosisText() {}

    public static String render(String service, Diagnosis d, List<Observation> observations, Console c) {
        StringBuilder sb = new StringBuilder();
        if (d.healthy()) {
            sb.append(c.green("✓ ")).append(service).append(": no problems found (").append(observations.size()).append(" observations)\n");
        }
        for (Problem p : d.matched()) sb.append(problem(p, c));
        if (!d.unmatched().isEmpty()) sb.append(c.bold("Unmatched (no known fingerprint):")).append('\n');
        for (Problem p : d.unmatched()) sb.append(problem(p, c));
        sb.append("health score: ").append(score(d.healthScore(), c)).append("/100\n");
        return sb.toString();
    }

    static String problem(Problem p, Console c) {
        StringBuilder sb = new StringBuilder()
                .append(c.red("✗ ")).append(c.bold(p.fingerprint())).append(' ').append(p.severity().name().toLowerCase())
                .append(String.format(" (confidence %.2f) ", p.confidence())).append(p.service() == null ? "" : p.service())
                .append(p.host() == null ? "" : "@" + p.host()).append(": ").append(p.summary()).append('\n');
        for (Evidence e : p.evidence()) {
            for (String line : e.excerpt().split("\n")) {
                sb.append(c.dim("    evidence [" + e.kind() + " #" + e.observation() + "] ")).append(line).append('\n');
            }
        }
        if (p.hint() != null && !p.hint().isEmpty()) sb.append(c.dim("    hint: ")).append(p.hint()).append('\n');
        return sb.toString();
    }

    private static String score(int s, Console c) {
        String t = String.valueOf(s);
        return s >= 80 ? c.green(t) : s >= 50 ? c.yellow(t) : c.red(t);
    }
}

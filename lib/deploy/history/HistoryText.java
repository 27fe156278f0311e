package lib.deploy.history;

import java.util.List;
import lib.cli.Console;
import lib.deploy.PhaseResult;
import lib.util.Table;

/** How history looks in a terminal: the list as a table, one record as a header and a phase line per service. */
public final class HistoryText {
    private HistoryText() {}

    public static String list(List<DeploymentRecord> records, Console c) {
        if (records.isEmpty()) return "no deploys recorded yet\n";
        Table t = new Table("ID", "KIND", "RESULT", "SERVICES", "HOSTS", "WHO", "STARTED", "TOOK");
        for (DeploymentRecord r : records) {
            t.row(r.id(), r.kind(), result(r.result(), c), String.join(",", r.services()), String.join(",", r.hosts()), r.who(),
                    r.startedAt(), r.durationMs() == null ? "-" : seconds(r.durationMs()));
        }
        return t.render();
    }

    public static String show(DeploymentRecord r, Console c) {
        StringBuilder sb = new StringBuilder();
        sb.append(r.id()).append("  ").append(r.kind()).append("  ").append(result(r.result(), c)).append('\n');
        sb.append("  by ").append(r.who()).append('@').append(r.controlHost()).append(" pid ").append(r.pid())
                .append(", started ").append(r.startedAt()).append(r.durationMs() == null ? "" : ", took " + seconds(r.durationMs())).append('\n');
        sb.append("  registry ").append(r.registryFile()).append(r.rollbackOf() == null ? "" : ", rollback to " + r.rollbackOf()).append('\n');
        if (r.error() != null) sb.append("  error: ").append(r.error()).append('\n');
        for (DeploymentRecord.ServiceEntry e : r.outcomes()) {
            sb.append("  ").append(e.action()).append(' ').append(e.service()).append('@').append(e.host()).append("  ")
                    .append(result(e.result(), c)).append("  ").append(phases(e.phases())).append('\n');
            e.images().forEach((ctr, img) -> sb.append("      image ").append(ctr).append(' ').append(img).append('\n'));
            if (!e.files().isEmpty()) sb.append("      files ").append(String.join(", ", e.files().keySet())).append("  (kept for rollback)\n");
            if (e.error() != null) sb.append("      ").append(e.error()).append('\n');
        }
        return sb.toString();
    }

    static String phases(List<PhaseResult> phases) {
        StringBuilder sb = new StringBuilder();
        for (PhaseResult p : phases) {
            sb.append(p.name()).append(switch (p.status()) { case OK -> " ✓"; case FAILED -> " ✗"; case SKIPPED -> " -"; })
                    .append(' ').append(seconds(p.durationMs())).append("  ");
        }
        return sb.toString().stripTrailing();
    }

    private static String result(String r, Console c) {
        return switch (r) {
            case "success", "deployed" -> c.green(r);
            case "running" -> c.yellow(r);
            default -> c.red(r);
        };
    }

    static String seconds(long ms) { return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0); }
}

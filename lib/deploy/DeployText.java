package lib.deploy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import lib.cli.Console;
import lib.util.Table;

/** How a deploy run reads: one phase line per service, the closing summary, and the `--json-output` document. */
public final class DeployText {
    private DeployText() {}

    /** `preflight ✓ sync ✓ up ✓ health ✓ 3.2s`; a failed phase gets ✗ and the reason, a skipped service the why. */
    public static String phaseLine(ServiceOutcome o, Console c) {
        if (o.result() == ServiceOutcome.Result.SKIPPED) return c.yellow("skipped") + ": " + o.error();
        StringBuilder sb = new StringBuilder();
        for (PhaseResult p : o.phases()) {
            String mark = switch (p.status()) {
                case OK -> c.green("✓");
                case FAILED -> c.red("✗");
                case SKIPPED -> c.dim("–");
            };
            sb.append(p.name()).append(' ').append(mark).append(' ');
        }
        sb.append(seconds(o.durationMs()));
        if (o.result() == ServiceOutcome.Result.FAILED) sb.append(": ").append(o.error());
        return sb.toString();
    }

    /** The closing table and one line of counts. */
    public static String summary(DeployReport r, Console c) {
        Table t = new Table("SERVICE", "HOST", "RESULT", "TIME", "DETAIL");
        for (ServiceOutcome o : r.services()) {
            t.row(o.service(), o.host(), result(o.result(), c), seconds(o.durationMs()), o.error() == null ? "" : o.error());
        }
        return t.render() + counts(r) + " in " + seconds(r.durationMs()) + " (" + r.id() + ")\n";
    }

    /** `3/4 deployed, 1 failed, 0 skipped`. */
    public static String counts(DeployReport r) {
        return r.count(ServiceOutcome.Result.DEPLOYED) + "/" + r.services().size() + " " + verb(r.kind()) + ", "
                + r.count(ServiceOutcome.Result.FAILED) + " failed, " + r.count(ServiceOutcome.Result.SKIPPED) + " skipped";
    }

    private static String verb(String kind) {
        return switch (kind) {
            case "stop" -> "stopped";
            case "start" -> "started";
            case "restart" -> "restarted";
            default -> "deployed";
        };
    }

    private static String result(ServiceOutcome.Result r, Console c) {
        return switch (r) {
            case DEPLOYED -> c.green("ok");
            case FAILED -> c.red("failed");
            case SKIPPED -> c.yellow("skipped");
        };
    }

    public static String seconds(long ms) { return String.format(java.util.Locale.ROOT, "%.1fs", ms / 1000.0); }

    /** The `--json-output` document: id, kind, result, duration_ms, services[{…, phases[…]}]. */
    public static Map<String, Object> json(DeployReport r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", r.id());
        m.put("kind", r.kind());
        m.put("result", r.ok() ? "ok" : "failed");
        m.put("duration_ms", r.durationMs());
        m.put("deployed", r.count(ServiceOutcome.Result.DEPLOYED));
        m.put("failed", r.count(ServiceOutcome.Result.FAILED));
        m.put("skipped", r.count(ServiceOutcome.Result.SKIPPED));
        m.put("services", r.services().stream().map(DeployText::json).toList());
        return m;
    }

    static Map<String, Object> json(ServiceOutcome o) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("service", o.service());
        m.put("host", o.host());
        m.put("result", o.result().name().toLowerCase());
        m.put("duration_ms", o.durationMs());
        m.put("phases", o.phases().stream().map(p -> {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("name", p.name());
            pm.put("status", p.status().name().toLowerCase());
            pm.put("duration_ms", p.durationMs());
            pm.put("detail", p.detail());
            return pm;
        }).toList());
        m.put("images", o.images());
        m.put("error", o.error());
        m.put("log_tail", o.logTail());
        putHealing(m, o.healing());
        return m;
    }

    /**
     * The self-healing part of a service's document (only when healing ran): `problems` (fingerprint, severity,
     * confidence, summary, evidence excerpts, hint), `actions` (per problem: status, message, whether a recorded
     * playbook led, the steps and whether each ran) and `healing` (the rounds: failed step, result, reason).
     */
    static void putHealing(Map<String, Object> m, List<HealRecord> rounds) {
        if (rounds.isEmpty()) return;
        m.put("problems", rounds.stream().flatMap(r -> r.problems().stream()).toList());
        m.put("actions", rounds.stream().flatMap(r -> r.actions().stream()).toList());
        m.put("healing", rounds.stream().map(r -> {
            Map<String, Object> rm = new LinkedHashMap<>();
            rm.put("step", r.step());
            rm.put("failure", r.failure());
            rm.put("result", r.result());
            rm.put("reason", r.reason());
            return rm;
        }).toList());
    }

    /** `--json-output` when preflight stopped the run: result preflight_failed and the problems. */
    public static Map<String, Object> json(PreflightException e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("result", "preflight_failed");
        m.put("message", e.getMessage());
        m.put("problems", e.problems());
        if (e instanceof HealedPreflightException h) {
            List<Map<String, Object>> services = new java.util.ArrayList<>();
            h.healing().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(en -> {
                Map<String, Object> sm = new LinkedHashMap<>();
                sm.put("service", en.getKey());
                putHealing(sm, en.getValue());
                services.add(sm);
            });
            m.put("services", services);
        }
        return m;
    }

    /** Each problem and its hint, for stderr. */
    public static void problems(List<PreflightProblem> problems, Console c) {
        for (PreflightProblem p : problems) {
            c.error(p.service() + "@" + p.host() + ": " + p.check() + ": " + p.message());
            if (p.hint() != null) c.hint(p.hint());
        }
    }

    /** After a preflight that healing looked at: why each service's healing stopped (e.g. rerun with --yes). */
    public static void healingStopped(PreflightException e, Console c) {
        if (!(e instanceof HealedPreflightException h)) return;
        h.healing().forEach((service, rounds) -> rounds.forEach(r -> {
            if (r.reason() != null) c.error(service + ": self-healing: " + r.reason());
        }));
    }
}

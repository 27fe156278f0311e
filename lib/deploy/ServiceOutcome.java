package lib.deploy;

import java.util.List;
import java.util.Map;

/**
 * How one service's deploy ended: its phases in order, what came up, why it failed or was skipped, and the rounds of
 * the self-healing loop that ran for it (empty when nothing failed or healing was off).
 */
public record ServiceOutcome(String service, String host, Result result, List<PhaseResult> phases,
                             Map<String, String> images, String error, String logTail, List<HealRecord> healing) {
    public enum Result { DEPLOYED, FAILED, SKIPPED }

    public ServiceOutcome {
        phases = phases == null ? List.of() : List.copyOf(phases);
        images = images == null ? Map.of() : Map.copyOf(images);
        healing = healing == null ? List.of() : List.copyOf(healing);
    }

    public ServiceOutcome(String service, String host, Result result, List<PhaseResult> phases,
                          Map<String, String> images, String error, String logTail) {
        this(service, host, result, phases, images, error, logTail, List.of());
    }

    public long durationMs() { return phases.stream().mapToLong(PhaseResult::durationMs).sum(); }
}

package lib.deploy;

import java.util.List;
import java.util.Map;

/** How one service's deploy ended: its phases in order, what came up, and why it failed or was skipped. */
public record ServiceOutcome(String service, String host, Result result, List<PhaseResult> phases,
                             Map<String, String> images, String error, String logTail) {
    public enum Result { DEPLOYED, FAILED, SKIPPED }

    public ServiceOutcome {
        phases = phases == null ? List.of() : List.copyOf(phases);
        images = images == null ? Map.of() : Map.copyOf(images);
    }

    public long durationMs() { return phases.stream().mapToLong(PhaseResult::durationMs).sum(); }
}

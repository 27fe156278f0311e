package lib.solve;

import java.util.List;

/**
 * The knowledge base as the solver sees it: the steps of a recorded playbook that worked for this fingerprint on
 * this service/host, empty when there is none. The solver hands them to the pattern to try first.
 */
@FunctionalInterface
public interface Playbooks {
    Playbooks NONE = (fingerprint, service, host) -> List.of();

    List<String> stepsFor(String fingerprint, String service, String host);
}

package lib.observe;

/** The identity rule of the local runner (LocalCommands.IDENT), as one pure decision over the probed facts. */
final class ProcessFacts {
    private ProcessFacts() {}

    /**
     * dead: no process (or no PID); zombie: exited, not reaped; reused: the PID's start time differs from the one
     * recorded at launch, so it is another program; unrecorded: alive but no record to prove it is ours.
     */
    static String state(int pid, String now, String recorded, String kernelState) {
        if (pid <= 0) return "dead";
        if ("Z".equals(kernelState)) return "zombie";
        if (now == null || now.isEmpty()) return "dead";
        if (recorded == null || recorded.isEmpty()) return "unrecorded";
        return recorded.equals(now) ? "alive" : "reused";
    }
}

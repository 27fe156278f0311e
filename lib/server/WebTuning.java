package lib.server;

/**
 * The server's limits, with defaults for a real run. Each may be set with a system property
 * ({@code -Dportoser.web.<name>=…}) so tests use small numbers without slowing the suite:
 * mutationBurst/mutationRate (per client: changes at once, then per second), loginBurst/loginRate (the same
 * for POST /api/login), maxBody (bytes), heartbeatMs (SSE comment interval), stallMs (an SSE write blocked this
 * long drops the client), eventQueue (events queued per SSE client before it is dropped), eventBuffer (events kept
 * for Last-Event-ID resume), maxStreams (SSE clients at once), sessionHours, stopGraceMs (in-flight requests'
 * time to finish at stop).
 */
public record WebTuning(double mutationBurst, double mutationRate, double loginBurst, double loginRate, int maxBody,
                        long heartbeatMs, long stallMs, int eventQueue, int eventBuffer, int maxStreams,
                        long sessionHours, long stopGraceMs) {
    public static WebTuning defaults() {
        return new WebTuning(60, 10, 10, 0.2, 1 << 20, 15_000, 30_000, 1000, 2000, 256, 12, 10_000);
    }

    /** The defaults, each overridden by its system property when set. */
    public static WebTuning fromSystemProperties() {
        WebTuning d = defaults();
        return new WebTuning(num("mutationBurst", d.mutationBurst), num("mutationRate", d.mutationRate),
                num("loginBurst", d.loginBurst), num("loginRate", d.loginRate), (int) num("maxBody", d.maxBody),
                (long) num("heartbeatMs", d.heartbeatMs), (long) num("stallMs", d.stallMs), (int) num("eventQueue", d.eventQueue),
                (int) num("eventBuffer", d.eventBuffer), (int) num("maxStreams", d.maxStreams),
                (long) num("sessionHours", d.sessionHours), (long) num("stopGraceMs", d.stopGraceMs));
    }

    private static double num(String name, double fallback) {
        String v = System.getProperty("portoser.web." + name);
        if (v == null || v.isBlank()) return fallback;
        try {
            return Double.parseDouble(v.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-Dportoser.web." + name + " must be a number, got '" + v + "'");
        }
    }
}

package lib.server.uptime;

/**
 * One health check of one service, as `status` saw it: {@code state} is status's (healthy, running, unhealthy,
 * starting, stopped, unknown); {@code healthy} is true when the service is up (healthy, or running with no
 * health check), as `status` counts "services up". {@code ts} is epoch milliseconds.
 */
public record Check(long ts, String service, String host, String state, boolean healthy, String detail) {
    public static boolean up(String state) { return "healthy".equals(state) || "running".equals(state); }
}

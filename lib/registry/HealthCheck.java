package lib.registry;

/** `healthcheck: {tcp: PORT}` or `healthcheck: {cmd: "..."}`; exactly one is set. */
public record HealthCheck(Integer tcp, String cmd) {
    public static HealthCheck tcp(int port) { return new HealthCheck(port, null); }

    public static HealthCheck cmd(String command) { return new HealthCheck(null, command); }
}

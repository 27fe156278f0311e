package lib.server.uptime;

/**
 * A service's state changing: {@code from} is null at the first check ever kept. Also the data of the `status`
 * event, published only when a state (or the service's host) changes.
 */
public record Transition(long ts, String service, String host, String from, String to, boolean healthy, String detail) {

    /** The `status` event's data: {service, host, state, healthy, previous, ts, detail}. */
    public record Event(String service, String host, String state, boolean healthy, String previous, long ts, String detail) {}

    public Event event() { return new Event(service, host, to, healthy, from, ts, detail); }
}

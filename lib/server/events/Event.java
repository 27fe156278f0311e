package lib.server.events;

/** One event on the live stream: a monotonically increasing id, a type, and its data already as JSON text. */
public record Event(long id, String type, String json, long ts) {
    /** The event in Server-Sent Events framing. */
    public String sse() {
        return "id: " + id + "\nevent: " + type + "\ndata: " + json.replace("\n", "\ndata: ") + "\n\n";
    }
}

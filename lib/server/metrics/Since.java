package lib.server.metrics;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import lib.server.ApiError;

/** The `?since=` of the monitoring routes: epoch milliseconds or an ISO-8601 instant; absent or empty means all. */
public final class Since {
    private Since() {}

    public static long parse(String raw) {
        if (raw == null || raw.isBlank()) return 0;
        String s = raw.strip();
        if (s.matches("\\d{1,15}")) return Long.parseLong(s);
        try {
            return Instant.parse(s).toEpochMilli();
        } catch (DateTimeParseException e) {
            throw ApiError.badField("since", "since must be epoch milliseconds or an ISO-8601 time like 2026-11-23T10:00:00Z, got '" + raw + "'");
        }
    }
}

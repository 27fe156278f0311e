package lib.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An API failure with its HTTP status, sent as JSON {@code {error, detail, field?, problems?}}. {@code error} is
 * a short stable word (bad_request, unauthorized, forbidden, not_found, conflict, too_large, rate_limited,
 * internal); {@code detail} is the one-line explanation a user reads.
 */
public final class ApiError extends RuntimeException {
    private final int status;
    private final String error;
    private final String field;
    private final List<String> problems;

    public ApiError(int status, String error, String detail, String field, List<String> problems) {
        super(detail);
        this.status = status;
        this.error = error;
        this.field = field;
        this.problems = problems == null ? List.of() : List.copyOf(problems);
    }

    public static ApiError badRequest(String detail) { return new ApiError(400, "bad_request", detail, null, null); }

    public static ApiError badField(String field, String detail) { return new ApiError(400, "bad_request", detail, field, null); }

    /** 400 with every validation message (file:line:col: field: message), the first one as detail. */
    public static ApiError invalid(List<String> problems) {
        return new ApiError(400, "invalid", problems.isEmpty() ? "invalid" : problems.get(0), null, problems);
    }

    public static ApiError unauthorized(String detail) { return new ApiError(401, "unauthorized", detail, null, null); }

    public static ApiError forbidden(String detail) { return new ApiError(403, "forbidden", detail, null, null); }

    public static ApiError notFound(String detail) { return new ApiError(404, "not_found", detail, null, null); }

    public static ApiError conflict(String detail) { return new ApiError(409, "conflict", detail, null, null); }

    public static ApiError tooLarge(String detail) { return new ApiError(413, "too_large", detail, null, null); }

    public static ApiError rateLimited(String detail) { return new ApiError(429, "rate_limited", detail, null, null); }

    public int status() { return status; }

    public String error() { return error; }

    public String field() { return field; }

    public List<String> problems() { return problems; }

    /** The JSON body. Never a stack trace. */
    public Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("error", error);
        m.put("detail", getMessage());
        if (field != null) m.put("field", field);
        if (!problems.isEmpty()) m.put("problems", problems);
        return m;
    }
}

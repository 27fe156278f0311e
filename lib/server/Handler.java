package lib.server;

/** One route's body: turn a request into a response, or throw an {@link ApiError}. No logic beyond calling lib/. */
@FunctionalInterface
public interface Handler {
    Response handle(Request request) throws Exception;
}

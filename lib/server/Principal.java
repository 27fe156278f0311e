package lib.server;

/**
 * Who is calling: a token's name and scope. {@code session} is true when the caller came in with the browser
 * session cookie (mutations then need the CSRF token and a matching Origin). {@link #ANONYMOUS} is a reader
 * admitted by `--public-read`.
 */
public record Principal(String name, Scope scope, boolean session) {
    public static final Principal ANONYMOUS = new Principal("anonymous", Scope.READ, false);

    public boolean may(Scope needed) { return scope.includes(needed); }
}

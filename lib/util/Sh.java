package lib.util;

/** POSIX shell quoting for building remote command lines. */
public final class Sh {
    private Sh() {}

    /** Single-quotes a word so any shell reads it back unchanged. */
    public static String quote(String s) {
        if (!s.isEmpty() && s.matches("[A-Za-z0-9_./:=@%+,-]+")) return s;
        return "'" + s.replace("'", "'\"'\"'") + "'";
    }
}

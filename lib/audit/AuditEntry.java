package lib.audit;

/**
 * One line of the audit log: when, who (a token's name, or "cli:" + the OS user), via (cli|api), what was asked
 * (the command line or "METHOD /path"), its status (exit code or HTTP status), result (ok|failed|refused) and
 * the one-line error when there was one.
 */
public record AuditEntry(String ts, String who, String via, String what, int status, String result, String detail) {
    public static final String OK = "ok", FAILED = "failed", REFUSED = "refused";

    /** HTTP: 2xx/3xx ok; 4xx refused (nothing was done: auth, bad input, lock held); 5xx failed. */
    public static String httpResult(int status) {
        return status < 400 ? OK : status < 500 ? REFUSED : FAILED;
    }

    /** Exit codes: 0 ok; 2 bad input and 3 refused by state changed nothing; 1 and 4 failed. */
    public static String exitResult(int code) {
        return code == 0 ? OK : code == 2 || code == 3 ? REFUSED : FAILED;
    }
}

package lib.server;

/** Where the server reports every mutation (who, what, result); the audit log implements it. */
@FunctionalInterface
public interface AuditSink {
    AuditSink NONE = (who, what, status, detail) -> {};

    void record(String who, String what, int status, String detail);
}

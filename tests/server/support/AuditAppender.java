package server.support;

import java.nio.file.Path;
import lib.audit.AuditLog;

/** A separate JVM appending to an audit log: `AuditAppender HOME WHO N`. */
public final class AuditAppender {
    private AuditAppender() {}

    public static void main(String[] args) {
        AuditLog log = new AuditLog(Path.of(args[0]));
        int n = Integer.parseInt(args[2]);
        for (int i = 0; i < n; i++) log.recordCli(args[1], "append " + i + " " + "y".repeat(300), 0, null);
    }
}

package lib.audit;

/**
 * Marks a command that changes something (hosts, the registry, state, tokens): {@link CliAudit} appends a line to
 * the audit log after it ran, with its exit code. Read-only commands stay unmarked and leave no trace.
 */
public interface Audited {}

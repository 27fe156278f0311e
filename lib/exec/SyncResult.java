package lib.exec;

/** What a directory sync did: files sent, files already up to date, bytes sent. */
public record SyncResult(int sent, int skipped, long bytes) {
    public boolean changed() { return sent > 0; }
}

package lib.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import lib.registry.Host;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * One authenticated SSH connection per host per process, shared by commands and SFTP. Connections are
 * opened lazily; concurrent first uses of a host wait on that host's lock instead of racing to connect.
 */
public final class SshPool implements AutoCloseable {
    private final ExecOptions options;
    private final ConcurrentHashMap<String, SshConnection> live = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();
    private final AtomicInteger connects = new AtomicInteger();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ssh-connect-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final SshConnector connector;

    public SshPool(ExecOptions options) {
        this.options = options;
        this.connector = new SshConnector(options, timer);
    }

    public Transport transport(Host host) { return new SshTransport(this, host); }

    /** The host's connection, opened now if this process has none yet (or the old one died). */
    public SshConnection connection(Host host) {
        String key = key(host);
        SshConnection c = live.get(key);
        if (c != null && c.isOpen()) return c;
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            c = live.get(key);
            if (c != null && c.isOpen()) return c;
            c = new SshConnection(connector.connect(host));
            connects.incrementAndGet();
            live.put(key, c);
            return c;
        }
    }

    /** Copies {@code localDir} into {@code remoteDir} on the host over SFTP on the pooled connection, sending only changed files. */
    public SyncResult sync(Host host, Path localDir, String remoteDir) {
        int unchanged = unchangedFiles(host, localDir, remoteDir);
        if (unchanged >= 0) return new SyncResult(0, unchanged, 0);
        SshConnection conn = connection(host);
        try {
            SFTPClient sftp = conn.openSftp();
            try (sftp) {
                return DirSync.sync(localDir, remoteDir, new SftpTarget(sftp));
            } finally {
                conn.release();
            }
        } catch (IOException e) {
            throw Executor.syncFailed(host, localDir, remoteDir, e);
        }
    }

    /** How many files are already there unchanged when all of them are (one command, no SFTP); -1 otherwise. */
    private int unchangedFiles(Host host, Path localDir, String remoteDir) {
        try {
            Result r = transport(host).run(RemoteListing.command(remoteDir), options.commandTimeout(), LineSink.NONE);
            RemoteListing.Listing there = r.ok() ? RemoteListing.parse(r.stdout()) : null;
            return there == null ? -1 : DirSync.upToDate(localDir, there);
        } catch (IOException e) {
            throw Executor.syncFailed(host, localDir, remoteDir, e);
        }
    }

    /** Connects only to read the host's key and check it against known_hosts (no login). */
    public HostKeyScan scanHostKey(Host host) { return new HostKeyScan(host, connector.scanHostKey(host)); }

    /** How many connections this pool has opened: stays at one per host unless a connection died. */
    public int connectsMade() { return connects.get(); }

    public ExecOptions options() { return options; }

    void forget(Host host, SshConnection dead) {
        live.remove(key(host), dead);
        dead.close();
    }

    private static String key(Host host) { return host.sshUser() + "@" + host.ip() + ":" + host.sshPort(); }

    @Override
    public void close() {
        live.values().forEach(SshConnection::close);
        live.clear();
        timer.shutdownNow();
    }
}

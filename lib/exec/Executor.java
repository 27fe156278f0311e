package lib.exec;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import lib.registry.Host;

/**
 * Runs commands on registry hosts: directly when the host's address is this machine, otherwise over one
 * pooled SSH connection per host. Fans out across hosts with bounded parallelism.
 */
public final class Executor implements AutoCloseable {
    private final ExecOptions options;
    private final SshPool ssh;

    public Executor(ExecOptions options) {
        this.options = options;
        this.ssh = new SshPool(options);
    }

    public ExecOptions options() { return options; }

    public boolean isLocal(Host host) { return LocalAddresses.isLocal(host.ip()); }

    public Transport transport(Host host) {
        return isLocal(host) ? new LocalTransport(host.name()) : ssh.transport(host);
    }

    public Result run(Host host, String command) { return run(host, command, options.commandTimeout(), LineSink.NONE); }

    public Result run(Host host, String command, Duration timeout, LineSink sink) {
        return transport(host).run(command, timeout, sink);
    }

    /**
     * Makes {@code remoteDir} on the host hold the files of {@code localDir}: only files whose size or mtime
     * differ are sent (mtime is copied, so a repeat sends nothing); directories are created; nothing is deleted.
     * SFTP on the pooled connection, or a plain copy when the host is this machine.
     */
    public SyncResult sync(Host host, Path localDir, String remoteDir) {
        if (!isLocal(host)) return ssh.sync(host, localDir, remoteDir);
        try {
            return DirSync.sync(localDir, remoteDir, new LocalTarget());
        } catch (IOException e) {
            throw syncFailed(host, localDir, remoteDir, e);
        }
    }

    static ExecException syncFailed(Host host, Path localDir, String remoteDir, IOException e) {
        return new ExecException(host.name(), ExecException.Kind.OTHER,
                "copying " + localDir + " to " + remoteDir + " failed: " + e.getMessage(),
                "check that " + host.sshUser() + " may write to " + remoteDir + " on " + host.name());
    }

    /** The SSH pool, for SFTP uploads and connection-level operations. */
    public SshPool ssh() { return ssh; }

    /**
     * Applies {@code work} to every host at once, at most {@code parallelism} at a time; results keep the
     * input order. A failing host does not stop the others: its exception is returned in the Outcome.
     */
    public <T> Map<Host, Outcome<T>> fanOut(Collection<Host> hosts, Function<Host, T> work) {
        Map<Host, Outcome<T>> out = new LinkedHashMap<>();
        if (hosts.isEmpty()) return out;
        int width = Math.max(1, Math.min(options.parallelism(), hosts.size()));
        ExecutorService pool = Executors.newFixedThreadPool(width, r -> {
            Thread t = new Thread(r, "fanout");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Host h : hosts) futures.add(pool.submit(() -> work.apply(h)));
            int i = 0;
            for (Host h : hosts) {
                try {
                    out.put(h, Outcome.ok(futures.get(i++).get()));
                } catch (ExecutionException e) {
                    out.put(h, Outcome.failed(e.getCause() instanceof RuntimeException re ? re : new RuntimeException(e.getCause())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    out.put(h, Outcome.failed(new RuntimeException("interrupted")));
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return out;
    }

    /** A per-host value or the exception that prevented it. */
    public record Outcome<T>(T value, RuntimeException error) {
        static <T> Outcome<T> ok(T v) { return new Outcome<>(v, null); }

        static <T> Outcome<T> failed(RuntimeException e) { return new Outcome<>(null, e); }

        public boolean ok() { return error == null; }
    }

    @Override
    public void close() {
        ssh.close();
    }
}

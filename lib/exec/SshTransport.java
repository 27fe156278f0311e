package lib.exec;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import lib.registry.Host;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.connection.channel.direct.Signal;

/** Runs a command in its own session channel on the host's pooled connection. */
final class SshTransport implements Transport {
    private final SshPool pool;
    private final Host host;

    SshTransport(SshPool pool, Host host) {
        this.pool = pool;
        this.host = host;
    }

    @Override
    public Result run(String command, Duration timeout, LineSink sink) {
        SshConnection conn = pool.connection(host);
        long start = System.nanoTime();
        Session session;
        try {
            session = conn.openSession();
        } catch (IOException e) {
            pool.forget(host, conn); // the connection died under us: the next call reconnects
            throw lost(e);
        }
        boolean detached = false;
        try {
            Session.Command cmd = session.exec(command);
            StringBuilder out = new StringBuilder(), err = new StringBuilder();
            Thread to = LocalTransport.pump(cmd.getInputStream(), out, sink, false);
            Thread te = LocalTransport.pump(cmd.getErrorStream(), err, sink, true);
            boolean finished = waitFor(cmd, timeout);
            if (!finished) detached = abandon(cmd, conn);
            to.join(finished ? 2000 : 100);
            te.join(finished ? 2000 : 100);
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            synchronized (out) {
                synchronized (err) {
                    return new Result(finished ? exitCode(cmd) : -1, out.toString(), err.toString(), took, !finished);
                }
            }
        } catch (IOException e) {
            throw lost(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExecException(host.name(), ExecException.Kind.OTHER, "interrupted", null);
        } finally {
            if (!detached) {
                closeQuietly(session);
                conn.release();
            }
        }
    }

    private static boolean waitFor(Session.Command cmd, Duration timeout) throws ConnectionException {
        try {
            cmd.join(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (ConnectionException e) {
            if (cmd.isOpen()) return false; // join timed out while the command still runs
            throw e;
        }
    }

    /**
     * Gives up on a timed-out command: asks sshd to kill it (OpenSSH 7.9+ does, except for root logins, whose
     * sessions run without privilege separation), then closes the channel in the background, because sshd
     * only confirms the close once the command has exited. The channel slot is freed when that happens.
     */
    private static boolean abandon(Session.Command cmd, SshConnection conn) {
        try {
            cmd.signal(Signal.KILL);
        } catch (IOException ignored) {
            // older sshd: closing the channel is all we can do
        }
        Thread closer = new Thread(() -> {
            closeQuietly(cmd);
            conn.release();
        }, "ssh-close-timed-out");
        closer.setDaemon(true);
        closer.start();
        return true;
    }

    /** The remote exit status; a command killed by a signal reports 128+n like a shell, unknown is -1. */
    private static int exitCode(Session.Command cmd) {
        Integer status = cmd.getExitStatus();
        if (status != null) return status;
        Signal sig = cmd.getExitSignal();
        return sig != null ? 128 + signalNumber(sig) : -1;
    }

    private static int signalNumber(Signal s) {
        return switch (s) {
            case HUP -> 1; case INT -> 2; case QUIT -> 3; case ILL -> 4; case ABRT -> 6; case FPE -> 8;
            case KILL -> 9; case USR1 -> 10; case SEGV -> 11; case USR2 -> 12; case PIPE -> 13; case ALRM -> 14;
            default -> 15;
        };
    }

    private ExecException lost(IOException e) {
        return new ExecException(host.name(), ExecException.Kind.OTHER, "SSH connection lost: " + e.getMessage(),
                "run `portoser remote test-connections " + host.name() + "`");
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // the channel is already gone
        }
    }
}

package lib.exec;

import java.io.IOException;
import java.util.concurrent.Semaphore;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.SFTPClient;

/**
 * One authenticated connection to one host, shared by every command and transfer to it. Each command
 * gets its own session channel; sshd refuses more than MaxSessions (default 10) open at once, so this
 * caps concurrent channels below that and makes extra callers wait.
 */
public final class SshConnection implements AutoCloseable {
    static final int MAX_CHANNELS = 8;

    private final SSHClient client;
    private final Semaphore channels = new Semaphore(MAX_CHANNELS, true);

    SshConnection(SSHClient client) {
        this.client = client;
    }

    public boolean isOpen() { return client.isConnected() && client.isAuthenticated(); }

    /** A fresh session; release it with {@link #release()} after closing it. */
    Session openSession() throws IOException {
        acquire();
        try {
            return client.startSession();
        } catch (IOException | RuntimeException e) {
            channels.release();
            throw e;
        }
    }

    /** An SFTP client on its own channel of this connection; close it, then {@link #release()}. */
    SFTPClient openSftp() throws IOException {
        acquire();
        try {
            return client.newSFTPClient();
        } catch (IOException | RuntimeException e) {
            channels.release();
            throw e;
        }
    }

    void release() { channels.release(); }

    private void acquire() throws IOException {
        try {
            channels.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting for a free SSH channel");
        }
    }

    @Override
    public void close() {
        SshConnector.closeQuietly(client);
    }
}

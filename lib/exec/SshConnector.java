package lib.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import lib.registry.Host;
import net.schmizz.sshj.Config;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.SecurityUtils;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.userauth.keyprovider.KeyProvider;

/** Opens one SSH connection: host key checked against known_hosts, then public-key authentication. */
final class SshConnector {
    private final ExecOptions options;
    private final ScheduledExecutorService timer;
    // DefaultConfig builds every algorithm factory: costly, and safe to share between clients.
    private static volatile Config config;

    SshConnector(ExecOptions options, ScheduledExecutorService timer) {
        this.options = options;
        this.timer = timer;
    }

    /** A connected, authenticated client, or an ExecException saying why not. */
    SSHClient connect(Host host) {
        List<Path> keys = identities(host, options);
        HostKeyCheck check = new HostKeyCheck(options.knownHostsFiles());
        SSHClient client = newClient(check);
        run(host, client, check, () -> {
            client.connect(host.ip(), host.sshPort());
            client.authPublickey(host.sshUser(), loadKeys(client, keys));
        });
        return client;
    }

    /** Connects only far enough to see the server's host key (no authentication): for `remote trust`. */
    HostKeyCheck scanHostKey(Host host) {
        HostKeyCheck check = new HostKeyCheck(options.knownHostsFiles());
        SSHClient client = newClient(check);
        try {
            run(host, client, check, () -> client.connect(host.ip(), host.sshPort()));
        } catch (ExecException e) {
            if (check.key() == null) throw e; // never got as far as the key exchange
        } finally {
            closeQuietly(client);
        }
        return check;
    }

    private interface Step { void run() throws IOException; }

    /** Runs connect steps under a watchdog: a hung sshd (accepts, never talks) cannot block past the connect timeout. */
    private void run(Host host, SSHClient client, HostKeyCheck check, Step step) {
        Duration limit = options.connectTimeout();
        AtomicBoolean fired = new AtomicBoolean();
        ScheduledFuture<?> watchdog = timer.schedule(() -> {
            fired.set(true);
            closeQuietly(client);
        }, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            step.run();
        } catch (IOException | RuntimeException e) {
            closeQuietly(client);
            if (check.refused()) throw check.refusal(host);
            throw ConnectErrors.classify(host, e, fired.get(), limit);
        } finally {
            watchdog.cancel(false);
        }
    }

    private SSHClient newClient(HostKeyVerifier verifier) {
        SSHClient client = new SSHClient(config());
        int ms = (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis());
        client.setConnectTimeout(ms);
        client.getTransport().setTimeoutMs(ms);
        client.addHostKeyVerifier(verifier);
        return client;
    }

    private static Config config() {
        if (config == null) {
            synchronized (SshConnector.class) {
                if (config == null) {
                    // Registering BouncyCastle costs ~280 ms per process (signed-jar checks); JDK 17's own providers
                    // cover ed25519, ecdsa, rsa (PEM too), curve25519 and aes-gcm, so leave it unregistered.
                    SecurityUtils.setRegisterBouncyCastle(false);
                    config = new DefaultConfig();
                }
            }
        }
        return config;
    }

    /** The registry's ssh_key if set (it must exist), else the default identities that exist. */
    static List<Path> identities(Host host, ExecOptions options) {
        if (host.sshKey() != null && !host.sshKey().isBlank()) {
            Path p = expandHome(host.sshKey());
            if (Files.isRegularFile(p)) return List.of(p);
            throw new ExecException(host.name(), ExecException.Kind.NO_KEY, "ssh_key " + p + " does not exist",
                    "fix ssh_key of host " + host.name() + " in the registry, or create it with ssh-keygen -t ed25519 -f " + p);
        }
        List<Path> found = new ArrayList<>();
        for (Path p : options.defaultIdentities()) if (Files.isRegularFile(p)) found.add(p);
        if (!found.isEmpty()) return found;
        throw new ExecException(host.name(), ExecException.Kind.NO_KEY, "no SSH key found (looked for "
                + options.defaultIdentities() + ")", "create one with ssh-keygen -t ed25519, or set ssh_key for host "
                + host.name() + " in the registry");
    }

    private static Path expandHome(String p) {
        return p.startsWith("~/") ? Path.of(System.getProperty("user.home"), p.substring(2)) : Path.of(p);
    }

    private static List<KeyProvider> loadKeys(SSHClient client, List<Path> keys) throws IOException {
        List<KeyProvider> out = new ArrayList<>();
        for (Path p : keys) out.add(client.loadKeys(p.toString()));
        return out;
    }

    static void closeQuietly(SSHClient client) {
        try {
            client.close();
        } catch (IOException | RuntimeException ignored) {
            // closing a half-open connection: nothing more to do
        }
    }
}

package lib.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * One known_hosts file. SSHJ's parser does the matching (hashed names, [host]:port, markers); this
 * subclass only records which of its two failure hooks fired, so callers can tell unknown from changed.
 * Use one instance per check: the verdict is per instance.
 */
final class KnownHostsFile extends OpenSSHKnownHosts {
    enum Verdict { TRUSTED, UNKNOWN, CHANGED }

    private final Path path;
    private Verdict verdict;

    KnownHostsFile(Path path) throws IOException {
        super(path.toFile());
        this.path = path;
    }

    Path path() { return path; }

    Verdict check(String ip, int port, PublicKey key) {
        verdict = null;
        boolean ok = verify(ip, port, key);
        return ok ? Verdict.TRUSTED : verdict == null ? Verdict.UNKNOWN : verdict;
    }

    @Override
    protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
        verdict = Verdict.UNKNOWN;
        return false;
    }

    @Override
    protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
        verdict = Verdict.CHANGED;
        return false;
    }

    /** 1-based line of the first entry for this host and key type, so a changed key's message can name it; 0 if none. */
    int lineOf(String ip, int port, PublicKey key) {
        String name = Fingerprints.knownHostsName(ip.toLowerCase(), port);
        KeyType type = KeyType.fromKey(key);
        EntryFactory factory = new EntryFactory();
        try {
            List<String> lines = Files.readAllLines(path);
            for (int i = 0; i < lines.size(); i++) {
                KnownHostEntry e = parse(factory, lines.get(i));
                if (e != null && e.appliesTo(type, name)) return i + 1;
            }
        } catch (IOException ignored) {
            // the file vanished or is unreadable since we loaded it: no line to name
        }
        return 0;
    }

    private static KnownHostEntry parse(EntryFactory factory, String line) {
        try {
            return factory.parseEntry(line);
        } catch (IOException | RuntimeException e) {
            return null; // a malformed line is skipped, as SSHJ does when loading
        }
    }
}

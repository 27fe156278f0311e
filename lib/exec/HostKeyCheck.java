package lib.exec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Collectors;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import lib.registry.Host;

/**
 * Checks a server's host key against every configured known_hosts file: trusted if any file has it,
 * changed if some file has a different key of the same type for the host, unknown otherwise.
 * Remembers the key and verdict so a refused connection can be explained. One instance per connection.
 */
final class HostKeyCheck implements HostKeyVerifier {
    private final List<Path> files;
    private volatile PublicKey key;
    private volatile KnownHostsFile.Verdict verdict;
    private volatile Path changedFile;
    private volatile int changedLine;
    private List<KnownHostsFile> loaded;

    HostKeyCheck(List<Path> files) {
        this.files = List.copyOf(files);
    }

    @Override
    public boolean verify(String hostname, int port, PublicKey key) {
        this.key = key;
        verdict = KnownHostsFile.Verdict.UNKNOWN;
        for (KnownHostsFile f : load()) {
            KnownHostsFile.Verdict v = f.check(hostname, port, key);
            if (v == KnownHostsFile.Verdict.TRUSTED) {
                verdict = v;
                return true;
            }
            if (v == KnownHostsFile.Verdict.CHANGED && changedFile == null) {
                changedFile = f.path();
                changedLine = f.lineOf(hostname, port, key);
            }
        }
        if (changedFile != null) verdict = KnownHostsFile.Verdict.CHANGED;
        return false;
    }

    /** Key types already recorded for the host, so the server is asked for one we can check. */
    @Override
    public List<String> findExistingAlgorithms(String hostname, int port) {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        for (KnownHostsFile f : load()) all.addAll(f.findExistingAlgorithms(hostname, port));
        return new ArrayList<>(all);
    }

    boolean refused() { return verdict != null && verdict != KnownHostsFile.Verdict.TRUSTED; }

    KnownHostsFile.Verdict verdict() { return verdict; }

    PublicKey key() { return key; }

    /** The ExecException explaining why the key was refused. Only valid when {@link #refused()}. */
    ExecException refusal(Host host) {
        String fp = Fingerprints.type(key) + " " + Fingerprints.sha256(key);
        if (verdict == KnownHostsFile.Verdict.CHANGED) {
            String where = changedFile + (changedLine > 0 ? ":" + changedLine : "");
            return new ExecException(host.name(), ExecException.Kind.HOST_KEY_CHANGED,
                    "HOST KEY CHANGED for " + host.ip() + " — it now presents " + fp + ", which does not match "
                            + where + ". Someone may be intercepting the connection (man-in-the-middle), or the host was reinstalled",
                    "if the change is expected, delete line " + (changedLine > 0 ? changedLine : "?") + " of " + changedFile
                            + " (ssh-keygen -R " + Fingerprints.knownHostsName(host.ip(), host.sshPort()) + " -f " + changedFile
                            + "), then run `portoser remote trust " + host.name() + "`");
        }
        return new ExecException(host.name(), ExecException.Kind.HOST_KEY_UNKNOWN,
                "unknown host key " + fp + " at " + host.ip() + " (not in " + checkedFiles() + ")",
                "if that fingerprint is the host's (ssh-keygen -lf /etc/ssh/ssh_host_*_key.pub on it), run `portoser remote trust "
                        + host.name() + "`");
    }

    private String checkedFiles() {
        return files.stream().map(Path::toString).collect(Collectors.joining(", "));
    }

    /** Read once per connection: SSHJ asks for the algorithms and then verifies. */
    private synchronized List<KnownHostsFile> load() {
        if (loaded != null) return loaded;
        List<KnownHostsFile> out = new ArrayList<>();
        for (Path p : files) {
            if (!Files.isRegularFile(p)) continue;
            try {
                out.add(new KnownHostsFile(p));
            } catch (IOException ignored) {
                // an unreadable file cannot vouch for any key; the others still can
            }
        }
        loaded = out;
        return out;
    }
}

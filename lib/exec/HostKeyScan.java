package lib.exec;

import java.security.PublicKey;
import lib.registry.Host;

/** What a host presented as its key, and whether known_hosts already trusts it. */
public final class HostKeyScan {
    public enum State { TRUSTED, UNKNOWN, CHANGED }

    private final Host host;
    private final HostKeyCheck check;

    HostKeyScan(Host host, HostKeyCheck check) {
        this.host = host;
        this.check = check;
    }

    public State state() {
        return switch (check.verdict()) {
            case TRUSTED -> State.TRUSTED;
            case CHANGED -> State.CHANGED;
            default -> State.UNKNOWN;
        };
    }

    public PublicKey key() { return check.key(); }

    public String type() { return Fingerprints.type(key()); }

    public String fingerprint() { return Fingerprints.sha256(key()); }

    /** The known_hosts line that trusts this key for this host's address and port. */
    public String knownHostsLine() {
        return Fingerprints.knownHostsName(host.ip(), host.sshPort()) + " " + Fingerprints.knownHostsKey(key());
    }

    /** Why the key is refused (changed or unknown), naming the file and line of a conflicting entry. */
    public ExecException refusal() { return check.refusal(host); }
}

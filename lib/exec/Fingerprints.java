package lib.exec;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.Base64;
import net.schmizz.sshj.common.Buffer;
import net.schmizz.sshj.common.KeyType;

/** Host key names as OpenSSH prints them, so users can compare with `ssh-keygen -lf`. */
public final class Fingerprints {
    private Fingerprints() {}

    /** The key's SSH type name, e.g. {@code ssh-ed25519}. */
    public static String type(PublicKey key) { return KeyType.fromKey(key).toString(); }

    /** {@code SHA256:<base64 without padding>} of the key blob, exactly like OpenSSH. */
    public static String sha256(PublicKey key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(blob(key));
            return "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("JDK without SHA-256", e);
        }
    }

    /** The key as it appears in a known_hosts line after the host names: {@code type base64}. */
    public static String knownHostsKey(PublicKey key) {
        return type(key) + " " + Base64.getEncoder().encodeToString(blob(key));
    }

    /** The name a known_hosts line uses for an address: bare on port 22, {@code [ip]:port} otherwise. */
    public static String knownHostsName(String ip, int port) {
        return port == 22 ? ip : "[" + ip + "]:" + port;
    }

    static byte[] blob(PublicKey key) {
        return new Buffer.PlainBuffer().putPublicKey(key).getCompactData();
    }
}

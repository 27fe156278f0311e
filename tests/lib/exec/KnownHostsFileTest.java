package lib.exec;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** known_hosts matching without a network: verdicts, [ip]:port names, line numbers, trusted-key writes. */
class KnownHostsFileTest {
    @TempDir
    Path dir;

    static PublicKey rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair().getPublic();
    }

    @Test
    void trustedUnknownAndChanged() throws Exception {
        PublicKey key = rsa(), other = rsa();
        Path f = Files.writeString(dir.resolve("kh"), "# c\n\n10.0.0.1 " + Fingerprints.knownHostsKey(key) + "\n");
        assertEquals(KnownHostsFile.Verdict.TRUSTED, new KnownHostsFile(f).check("10.0.0.1", 22, key));
        assertEquals(KnownHostsFile.Verdict.UNKNOWN, new KnownHostsFile(f).check("10.0.0.2", 22, key));
        assertEquals(KnownHostsFile.Verdict.CHANGED, new KnownHostsFile(f).check("10.0.0.1", 22, other));
        assertEquals(3, new KnownHostsFile(f).lineOf("10.0.0.1", 22, other));
    }

    @Test
    void nonStandardPortsUseBracketNames() throws Exception {
        PublicKey key = rsa();
        Path f = Files.writeString(dir.resolve("kh"), "[10.0.0.1]:2222 " + Fingerprints.knownHostsKey(key) + "\n");
        assertEquals(KnownHostsFile.Verdict.TRUSTED, new KnownHostsFile(f).check("10.0.0.1", 2222, key));
        assertEquals(KnownHostsFile.Verdict.UNKNOWN, new KnownHostsFile(f).check("10.0.0.1", 22, key));
        assertEquals("[10.0.0.1]:2222", Fingerprints.knownHostsName("10.0.0.1", 2222));
    }

    @Test
    void checkAcrossFilesPrefersAnyTrustOverAChange() throws Exception {
        PublicKey key = rsa(), old = rsa();
        Path stale = Files.writeString(dir.resolve("a"), "10.0.0.1 " + Fingerprints.knownHostsKey(old) + "\n");
        Path good = Files.writeString(dir.resolve("b"), "10.0.0.1 " + Fingerprints.knownHostsKey(key) + "\n");
        assertTrue(new HostKeyCheck(List.of(stale, good)).verify("10.0.0.1", 22, key));
        HostKeyCheck onlyStale = new HostKeyCheck(List.of(stale, dir.resolve("missing")));
        assertFalse(onlyStale.verify("10.0.0.1", 22, key));
        assertEquals(KnownHostsFile.Verdict.CHANGED, onlyStale.verdict());
    }

    @Test
    void fingerprintLooksLikeOpenSsh() throws Exception {
        String fp = Fingerprints.sha256(rsa());
        assertTrue(fp.matches("SHA256:[A-Za-z0-9+/]{43}"), fp);
    }

    @Test
    void trustedKeysAppendOnceAndKeepOtherLines() throws Exception {
        Path f = dir.resolve("home/known_hosts");
        assertTrue(TrustedKeys.record(f, "10.0.0.1 ssh-ed25519 AAAA"));
        assertTrue(TrustedKeys.record(f, "10.0.0.2 ssh-ed25519 BBBB"));
        assertFalse(TrustedKeys.record(f, "10.0.0.1 ssh-ed25519 AAAA"));
        assertEquals(List.of("10.0.0.1 ssh-ed25519 AAAA", "10.0.0.2 ssh-ed25519 BBBB"), Files.readAllLines(f));
    }
}

package lib.server.auth;

import com.fasterxml.jackson.core.type.TypeReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.server.Scope;
import lib.util.AtomicFiles;
import lib.util.FileGuard;
import lib.util.Json;

/**
 * The API's bearer tokens, in $PORTOSER_HOME/web/tokens.json (0600). Only a SHA-256 of each token is stored: the
 * secret is shown once, at creation. A token is 32 random bytes, so a plain hash is enough (nothing to brute
 * force). Edits are read-modify-write under a {@link FileGuard} and land atomically, so the CLI and a running
 * server may both change the file; the server re-reads it when it changes, so a revoke takes effect at once.
 * Ephemeral tokens live only in this object (the login token `portoser web` prints) and die with it.
 */
public final class TokenStore {
    /** A token as listed: never the secret. {@code revoked} is when it was revoked, null while live. */
    public record Info(String id, String name, Scope scope, String created, String revoked, boolean ephemeral) {
        public boolean live() { return revoked == null; }
    }

    /** A new token: the secret is in {@code token}, shown once. */
    public record Created(String id, String name, Scope scope, String token) {}

    /** What tokens.json holds per token. */
    record Stored(String id, String name, String scope, String created, String revoked, String sha256) {
        Info info(boolean ephemeral) { return new Info(id, name, Scope.parse(scope), created, revoked, ephemeral); }
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String PREFIX = "pt_";

    private final Path file;
    private final Map<String, Stored> ephemeral = new ConcurrentHashMap<>();
    private volatile Snapshot cache = new Snapshot(null, -1, null, List.of());

    /** The file's identity when last read: a replaced (renamed-over) file has a new key. */
    private record Snapshot(Object key, long size, java.nio.file.attribute.FileTime mtime, List<Stored> tokens) {}

    public TokenStore(Path home) {
        this.file = home.resolve("web").resolve("tokens.json");
    }

    public Path file() { return file; }

    /** Creates a lasting token. {@code name} null or blank: "token-" + its id. Names are unique among live tokens. */
    public Created create(String name, Scope scope) {
        String id = randomId();
        String n = checkName(name == null || name.isBlank() ? "token-" + id : name.strip());
        String secret = newSecret();
        try (FileGuard g = FileGuard.lock(file)) {
            List<Stored> all = new ArrayList<>(read());
            if (all.stream().anyMatch(t -> t.revoked() == null && t.name().equals(n)) || liveEphemeral(n))
                throw new PortoserException(ExitCode.BAD_INPUT, "a live token named '" + n + "' already exists",
                        "pick another --name, or revoke it first: portoser web token revoke " + n);
            all.add(new Stored(id, n, scope.wire(), now(), null, sha256(secret)));
            write(all);
        } catch (IOException e) {
            throw cannot("write", e);
        }
        return new Created(id, n, scope, secret);
    }

    /** A token kept in memory only: valid while this store (the running server) lives, never written to disk. */
    public Created createEphemeral(String name, Scope scope) {
        String id = randomId();
        String secret = newSecret();
        ephemeral.put(id, new Stored(id, name + "-" + id, scope.wire(), now(), null, sha256(secret)));
        Stored s = ephemeral.get(id);
        return new Created(id, s.name(), scope, secret);
    }

    /** Every token, lasting ones first (oldest first), then this process's ephemeral ones. */
    public List<Info> list() {
        List<Info> out = new ArrayList<>();
        for (Stored s : read()) out.add(s.info(false));
        for (Stored s : ephemeral.values()) out.add(s.info(true));
        return out;
    }

    /** Revokes the live token with this id or name; unknown → BAD_INPUT naming what was asked for. */
    public Info revoke(String idOrName) {
        String key = idOrName == null ? "" : idOrName.strip();
        Stored e = ephemeral.values().stream().filter(s -> s.revoked() == null && (s.id().equals(key) || s.name().equals(key))).findFirst().orElse(null);
        if (e != null) {
            Stored r = new Stored(e.id(), e.name(), e.scope(), e.created(), now(), e.sha256());
            ephemeral.put(e.id(), r);
            return r.info(true);
        }
        try (FileGuard g = FileGuard.lock(file)) {
            List<Stored> all = new ArrayList<>(read());
            for (int i = 0; i < all.size(); i++) {
                Stored s = all.get(i);
                if (s.revoked() == null && (s.id().equals(key) || s.name().equals(key))) {
                    Stored r = new Stored(s.id(), s.name(), s.scope(), s.created(), now(), s.sha256());
                    all.set(i, r);
                    write(all);
                    return r.info(false);
                }
            }
        } catch (IOException ex) {
            throw cannot("write", ex);
        }
        throw new PortoserException(ExitCode.BAD_INPUT, "no live token with id or name '" + key + "'", "see: portoser web token list");
    }

    /** Revokes every ephemeral token (the server stops). */
    public void revokeEphemeral() { ephemeral.clear(); }

    /** The live token this secret belongs to, or null (unknown, malformed or revoked). */
    public Info verify(String secret) {
        if (secret == null || !secret.startsWith(PREFIX) || secret.length() > 100) return null;
        byte[] h = sha256(secret).getBytes(StandardCharsets.US_ASCII);
        for (Stored s : ephemeral.values()) if (matches(s, h)) return s.info(true);
        for (Stored s : read()) if (matches(s, h)) return s.info(false);
        return null;
    }

    /** True while the token with this id exists and is not revoked (sessions check it on every request). */
    public boolean isLive(String id) {
        Stored e = ephemeral.get(id);
        if (e != null) return e.revoked() == null;
        return read().stream().anyMatch(s -> s.id().equals(id) && s.revoked() == null);
    }

    /** True when at least one lasting token is live (binding beyond loopback needs one). */
    public boolean anyLive() { return read().stream().anyMatch(s -> s.revoked() == null); }

    private static boolean matches(Stored s, byte[] hash) {
        return s.revoked() == null && MessageDigest.isEqual(s.sha256().getBytes(StandardCharsets.US_ASCII), hash);
    }

    private boolean liveEphemeral(String name) {
        return ephemeral.values().stream().anyMatch(s -> s.revoked() == null && s.name().equals(name));
    }

    /** The file's tokens, re-read only when the file changed (a stat per request, not a parse). */
    private List<Stored> read() {
        try {
            if (!Files.exists(file)) return List.of();
            BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
            Snapshot c = cache;
            if (a.fileKey() != null && a.fileKey().equals(c.key()) && a.size() == c.size() && a.lastModifiedTime().equals(c.mtime())) return c.tokens();
            List<Stored> tokens = Json.MAPPER.readValue(Files.readString(file), new TypeReference<List<Stored>>() {});
            cache = new Snapshot(a.fileKey(), a.size(), a.lastModifiedTime(), List.copyOf(tokens));
            return cache.tokens();
        } catch (IOException e) {
            throw cannot("read", e);
        }
    }

    private void write(List<Stored> all) throws IOException {
        Files.createDirectories(file.getParent());
        try {
            Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // Not a POSIX filesystem, or not ours: the file itself is still made 0600 below.
        }
        AtomicFiles.write(file, Json.pretty(all) + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    }

    private PortoserException cannot(String what, IOException e) {
        return new PortoserException(ExitCode.FAILED, "cannot " + what + " " + file + ": " + e.getMessage());
    }

    private static String checkName(String name) {
        if (name.length() > 64 || !name.matches("[A-Za-z0-9._@:-]+"))
            throw new PortoserException(ExitCode.BAD_INPUT, "--name: '" + name + "' is not a token name (letters, digits, . _ - @ :, at most 64)");
        return name;
    }

    static String newSecret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String randomId() {
        byte[] b = new byte[5];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String now() { return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(); }

    public static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JDK", e);
        }
    }
}

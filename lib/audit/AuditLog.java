package lib.audit;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import lib.server.AuditSink;
import lib.util.FileGuard;
import lib.util.Json;

/**
 * The append-only audit log, $PORTOSER_HOME/audit.jsonl: one JSON line per mutation, from the CLI and the API
 * alike. Appends hold a {@link FileGuard} so lines from threads and processes never interleave; the file is
 * created 0600 (it names who did what) and never rewritten.
 */
public final class AuditLog implements AuditSink {
    private final Path file;

    public AuditLog(Path home) { this.file = home.resolve("audit.jsonl"); }

    public Path file() { return file; }

    /** The server's sink: one line per API mutation, who being the token's name. */
    @Override
    public void record(String who, String what, int status, String detail) {
        append(new AuditEntry(now(), who, "api", what, status, AuditEntry.httpResult(status), detail));
    }

    /** One CLI command's line, after it ran, with its exit code. */
    public void recordCli(String who, String what, int exitCode, String detail) {
        append(new AuditEntry(now(), who, "cli", what, exitCode, AuditEntry.exitResult(exitCode), detail));
    }

    /** Appends one line; an audit failure is reported on stderr and never undoes or fails what was done. */
    public void append(AuditEntry e) {
        byte[] line = (Json.MAPPER.valueToTree(e).toString() + "\n").getBytes(StandardCharsets.UTF_8);
        try (FileGuard g = FileGuard.lock(file)) {
            boolean fresh = !Files.exists(file);
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND)) {
                if (fresh) Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                ByteBuffer b = ByteBuffer.wrap(line);
                while (b.hasRemaining()) ch.write(b);
                ch.force(false);
            }
        } catch (IOException | UnsupportedOperationException ex) {
            System.err.println("portoser: could not write the audit log " + file + ": " + ex.getMessage());
        }
    }

    /** The newest {@code limit} entries, newest first. Lines that do not parse (a crash mid-line) are skipped. */
    public List<AuditEntry> recent(int limit) throws IOException {
        List<AuditEntry> out = new ArrayList<>();
        if (limit <= 0 || !Files.exists(file)) return out;
        // A few lines more than asked: a torn line (power loss mid-append) is skipped, never counted.
        for (String line : lastLines(limit + 8)) {
            try {
                out.add(Json.MAPPER.readValue(line, AuditEntry.class));
            } catch (IOException skipped) {
                // Must not hide the rest of the log.
            }
        }
        Collections.reverse(out);
        return out.size() > limit ? new ArrayList<>(out.subList(0, limit)) : out;
    }

    /** Up to {@code n} last non-empty lines, oldest first, read backwards so a large log costs only its tail. */
    private List<String> lastLines(int n) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
            long pos = f.length();
            byte[] tail = new byte[0];
            int lines = 0;
            while (pos > 0 && lines <= n) {
                int step = (int) Math.min(64 * 1024, pos);
                pos -= step;
                byte[] chunk = new byte[step];
                f.seek(pos);
                f.readFully(chunk);
                for (byte b : chunk) if (b == '\n') lines++;
                byte[] joined = new byte[chunk.length + tail.length];
                System.arraycopy(chunk, 0, joined, 0, chunk.length);
                System.arraycopy(tail, 0, joined, chunk.length, tail.length);
                tail = joined;
            }
            List<String> all = new String(tail, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
            // The first line may be cut in the middle when we stopped reading partway: drop it unless at the start.
            if (pos > 0 && !all.isEmpty()) all = all.subList(1, all.size());
            return all.subList(Math.max(0, all.size() - n), all.size());
        }
    }

    private static String now() { return Instant.now().toString(); }
}

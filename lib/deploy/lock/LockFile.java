package lib.deploy.lock;

import com.fasterxml.jackson.databind.DeserializationFeature;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.util.AtomicFiles;
import lib.util.Json;

/**
 * The lock file itself. Created in one atomic step that also fills it: a complete temp file is hard-linked to
 * the lock's name, which fails if the name exists. So a reader never sees a lock without its holder's details.
 */
final class LockFile {
    private LockFile() {}

    /** True when this call created the lock. */
    static boolean tryCreate(Path lock, LockInfo info) throws IOException {
        String json = Json.pretty(info) + "\n";
        Path tmp = AtomicFiles.synced(lock, json);
        try {
            Files.createLink(lock, tmp);
            AtomicFiles.syncDirectory(lock.getParent());
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        } catch (UnsupportedOperationException e) {
            return createNew(lock, json);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** For filesystems without hard links: exclusive create; a reader may briefly see it empty and retries. */
    private static boolean createNew(Path lock, String json) throws IOException {
        try {
            Files.writeString(lock, json, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, StandardOpenOption.SYNC);
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    /** The holder, or empty when there is no lock (or it is being created on a filesystem without links). */
    static Optional<LockInfo> read(Path lock) {
        String text;
        try {
            text = Files.readString(lock);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot read the deploy lock " + lock + ": " + e.getMessage());
        }
        if (text.isBlank()) return Optional.empty();
        try {
            return Optional.of(Json.MAPPER.readerFor(LockInfo.class).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).readValue(text));
        } catch (IOException e) {
            throw new PortoserException(ExitCode.REFUSED, "the deploy lock " + lock + " is unreadable: " + e.getMessage().lines().findFirst().orElse(""),
                    "if no deploy is running, remove it: portoser lock release --force");
        }
    }
}

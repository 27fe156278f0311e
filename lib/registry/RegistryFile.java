package lib.registry;

import lib.util.AtomicFiles;
import lib.util.FileGuard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import lib.cli.ExitCode;
import lib.cli.PortoserException;

/**
 * Applies a text edit to the registry file: under an exclusive lock, re-read, edit, validate the
 * new text, then replace the file atomically. A rejected edit writes nothing.
 */
public final class RegistryFile {
    /** What an edit did; {@code before} equals {@code after} when there was nothing to change. */
    public record Change(Path file, String before, String after, Registry registry) {
        public boolean changed() { return !before.equals(after); }
    }

    private RegistryFile() {}

    /** Edits with the process environment, writing the result. */
    public static Change edit(Path file, UnaryOperator<String> edit) {
        return edit(file, edit, System.getenv(), false);
    }

    /**
     * @param dryRun compute and validate the new text, but write nothing
     * @throws RegistryException (exit 2) listing every problem when the new text does not validate
     * @throws EditException (exit 2) when the edit itself cannot be made
     */
    public static Change edit(Path file, UnaryOperator<String> edit, Map<String, String> env, boolean dryRun) {
        Path target = realPath(file);
        try (FileGuard ignored = FileGuard.lock(target)) {
            // Read only under the lock: another editor may have changed the file while we waited.
            String before = RegistryLoader.read(target);
            String after = edit.apply(before);
            RegistryLoader.Checked checked = RegistryLoader.check(file, after, env);
            if (!checked.ok()) {
                throw new RegistryException("edit rejected, the registry would not validate (nothing was written):",
                        checked.errors(), "line numbers refer to the edited text; " + file + " is unchanged");
            }
            if (!dryRun && !after.equals(before)) AtomicFiles.write(target, after);
            return new Change(file, before, after, checked.registry());
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot write registry " + file + ": " + e.getMessage());
        }
    }

    /** Follows a symlinked registry, so the rename replaces the file it points to, not the link. */
    static Path realPath(Path file) {
        try {
            return file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new PortoserException(ExitCode.BAD_INPUT, "registry not found: " + file,
                    "pass --registry FILE, set PORTOSER_REGISTRY, or run from a folder with registry.yml");
        } catch (IOException e) {
            throw new PortoserException(ExitCode.BAD_INPUT, "cannot read registry " + file + ": " + e.getMessage());
        }
    }
}

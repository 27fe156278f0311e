package lib.deploy.state;

import lib.util.AtomicFiles;

import lib.util.FileGuard;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import lib.cli.ExitCode;
import lib.cli.PortoserException;

/**
 * `$PORTOSER_HOME/state.yml`. Every change is a locked read-modify-write ({@link #update}) written atomically,
 * so parallel deploys recording different services never lose each other's entries.
 */
public final class StateStore {
    private final Path file;

    public StateStore(Path portoserHome) {
        this.file = portoserHome.resolve("state.yml");
    }

    /** The store under $PORTOSER_HOME (or -Dportoser.home), default ~/.portoser. */
    public static StateStore standard() {
        return new StateStore(lib.exec.ExecOptions.defaults().portoserHome());
    }

    public Path file() { return file; }

    /** The current state; empty when nothing was ever deployed. */
    public State load() {
        try {
            return StateYaml.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (NoSuchFileException e) {
            return State.EMPTY;
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot read " + file + ": " + e.getMessage());
        }
    }

    /** Applies {@code change} to the state as it is on disk now, under the lock; writes only if it changed. */
    public State update(UnaryOperator<State> change) {
        try (FileGuard ignored = FileGuard.lock(file)) {
            State before = load();
            State after = change.apply(before);
            if (!after.equals(before) || !Files.exists(file)) AtomicFiles.write(file, StateYaml.render(after));
            return after;
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Replaces the whole state (refresh). */
    public State replace(State state) {
        return update(ignored -> state);
    }
}

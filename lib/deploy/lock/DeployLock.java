package lib.deploy.lock;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import lib.cli.ExitCode;
import lib.cli.PortoserException;
import lib.util.FileGuard;

/**
 * The deploy lock on the control machine, `$PORTOSER_HOME/locks/deploy`: one mutation (deploy, apply, move,
 * rollback, refresh) at a time. Modelled on Kamal's: atomic creation with who/when/why, the holder named on
 * conflict, an optional wait that polls but never waits for a lock taken by hand, and a stale lock (its process
 * died on this machine) broken with a message. Closing releases it; so does a normal JVM exit or Ctrl-C.
 */
public final class DeployLock implements AutoCloseable {
    static final Duration POLL = Duration.ofMillis(200);

    private final Path file;
    private final LockInfo info;
    private final Thread releaseOnExit;

    private DeployLock(Path file, LockInfo info) {
        this.file = file;
        this.info = info;
        this.releaseOnExit = new Thread(() -> {
            lib.deploy.ExitGrace.await(); // a server stopping gracefully still holds it for its in-flight run
            releaseIfOurs();
        }, "deploy-lock-release");
        Runtime.getRuntime().addShutdownHook(releaseOnExit);
    }

    public static Path file(Path portoserHome) { return portoserHome.resolve("locks").resolve("deploy"); }

    /**
     * Takes the lock for this process, waiting up to {@code wait} for a process holding it.
     * @param notice receives one-line messages: waiting, a stale lock broken
     * @throws PortoserException exit 3 (REFUSED) naming the holder when it stays held
     */
    public static DeployLock acquire(Path home, String why, Duration wait, Consumer<String> notice) {
        Path f = file(home);
        Instant deadline = Instant.now().plus(wait);
        boolean announced = false;
        while (true) {
            LockInfo mine = LockInfo.forThisProcess(why, false);
            if (create(f, mine)) return new DeployLock(f, mine);
            Optional<LockInfo> holder = LockFile.read(f);
            if (holder.isEmpty()) continue;
            LockInfo h = holder.get();
            if (h.stale()) {
                breakStale(f, h, notice);
                continue;
            }
            if (h.manual() || !Instant.now().isBefore(deadline)) throw held(h, wait);
            if (!announced) notice.accept("waiting up to " + wait.toSeconds() + "s for the deploy lock, held by " + h.describe(Instant.now()));
            announced = true;
            sleep();
        }
    }

    /** `portoser lock acquire`: a lock held by a person, not a process, until `portoser lock release`. */
    public static LockInfo acquireManual(Path home, String why, Consumer<String> notice) {
        Path f = file(home);
        LockInfo mine = LockInfo.forThisProcess(why, true);
        while (!create(f, mine)) {
            LockInfo h = LockFile.read(f).orElse(null);
            if (h == null) continue;
            if (!h.stale()) throw held(h, Duration.ZERO);
            breakStale(f, h, notice);
        }
        return mine;
    }

    /** The holder now, if any. */
    public static Optional<LockInfo> status(Path home) { return LockFile.read(file(home)); }

    /**
     * Removes the lock. Someone else's live lock (a running process, or another person's manual lock) needs
     * {@code force}: removing it lets two deploys run at once.
     * @return the holder that was removed, empty when there was no lock
     */
    public static Optional<LockInfo> release(Path home, boolean force) {
        Path f = file(home);
        try (FileGuard ignored = FileGuard.lock(f)) {
            Optional<LockInfo> holder = readForRelease(f, force);
            if (holder.isPresent() && !force && liveAndNotMine(holder.get())) {
                throw new PortoserException(ExitCode.REFUSED, "the deploy lock is held by " + holder.get().describe(Instant.now()),
                        "releasing it lets two deploys run at once; if you are sure: portoser lock release --force");
            }
            Files.deleteIfExists(f);
            return holder;
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot remove the deploy lock " + f + ": " + e.getMessage());
        }
    }

    /** An unreadable lock file can only be removed with force (its holder is unknown). */
    private static Optional<LockInfo> readForRelease(Path f, boolean force) {
        try {
            return LockFile.read(f);
        } catch (PortoserException unreadable) {
            if (!force) throw unreadable;
            return Optional.empty();
        }
    }

    public LockInfo info() { return info; }

    @Override
    public void close() {
        releaseIfOurs();
        try {
            Runtime.getRuntime().removeShutdownHook(releaseOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it releases the same way
        }
    }

    /** Deletes the lock only while it is still this process's (it may have been force-released and retaken). */
    private void releaseIfOurs() {
        try (FileGuard ignored = FileGuard.lock(file)) {
            if (LockFile.read(file).filter(info::equals).isPresent()) Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
            // Nothing more to do here; the next taker sees our pid dead and breaks the lock as stale.
        }
    }

    private static boolean liveAndNotMine(LockInfo h) {
        if (h.manual()) return !h.who().equals(System.getProperty("user.name"));
        return !h.stale() && !h.process().equals(ProcessId.current());
    }

    private static boolean create(Path f, LockInfo mine) {
        try (FileGuard ignored = FileGuard.lock(f)) {
            return LockFile.tryCreate(f, mine);
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot create the deploy lock " + f + ": " + e.getMessage());
        }
    }

    /** Under the guard, and only if the lock is still the stale one we saw: another waiter may have broken and retaken it. */
    private static void breakStale(Path f, LockInfo seen, Consumer<String> notice) {
        try (FileGuard ignored = FileGuard.lock(f)) {
            if (LockFile.read(f).filter(seen::equals).isEmpty()) return;
            Files.deleteIfExists(f);
            notice.accept("broke a stale deploy lock: " + seen.describe(Instant.now()) + " (that process is gone)");
        } catch (IOException e) {
            throw new PortoserException(ExitCode.FAILED, "cannot remove the stale deploy lock " + f + ": " + e.getMessage());
        }
    }

    private static PortoserException held(LockInfo h, Duration waited) {
        String what = "the deploy lock is held by " + h.describe(Instant.now());
        if (h.manual()) return new PortoserException(ExitCode.REFUSED, what,
                "it was taken by hand; when that work is done: portoser lock release");
        String msg = waited.isZero() ? what : what + " (waited " + waited.toSeconds() + "s)";
        return new PortoserException(ExitCode.REFUSED, msg,
                "see portoser lock status; wait for it with --lock-wait SECONDS");
    }

    private static void sleep() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortoserException(ExitCode.FAILED, "interrupted while waiting for the deploy lock");
        }
    }
}

package deploy.lock;

import java.nio.file.Path;
import java.time.Duration;
import lib.cli.PortoserException;
import lib.deploy.lock.DeployLock;

/**
 * A separate JVM for DeployLockTest: takes the deploy lock (waiting up to WAIT seconds), prints `acquired`,
 * holds it for HOLD_MS, then releases it and exits 0. A refusal prints the message and hint and exits with its code.
 * Args: HOME WHY WAIT_SECONDS HOLD_MS
 */
public final class LockHolderProcess {
    private LockHolderProcess() {}

    public static void main(String[] args) throws InterruptedException {
        try (DeployLock lock = DeployLock.acquire(Path.of(args[0]), args[1], Duration.ofSeconds(Long.parseLong(args[2])),
                m -> System.out.println("notice: " + m))) {
            System.out.println("acquired " + System.currentTimeMillis());
            System.out.flush();
            Thread.sleep(Long.parseLong(args[3]));
        } catch (PortoserException e) {
            System.out.println("refused: " + e.getMessage());
            System.out.println("hint: " + e.hint());
            System.out.flush();
            System.exit(e.exitCode());
        }
        System.out.println("released " + System.currentTimeMillis());
    }
}

package lib.exec;

import java.time.Duration;

/** What one command did on one host. A timed-out command has exit -1 and timedOut set. */
public record Result(int exit, String stdout, String stderr, Duration duration, boolean timedOut) {
    public boolean ok() { return exit == 0 && !timedOut; }
}

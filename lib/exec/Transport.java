package lib.exec;

import java.time.Duration;

/** Runs a shell command on one host: directly (local) or over a pooled SSH connection. */
public interface Transport {
    /** Runs {@code command} with `sh -c` semantics; lines go to {@code sink} as they arrive and are also captured. */
    Result run(String command, Duration timeout, LineSink sink) throws ExecException;
}

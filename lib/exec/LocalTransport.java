package lib.exec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** Runs commands on this machine with `bash -c`, no SSH. */
public final class LocalTransport implements Transport {
    private final String hostName;

    public LocalTransport(String hostName) {
        this.hostName = hostName;
    }

    @Override
    public Result run(String command, Duration timeout, LineSink sink) {
        long start = System.nanoTime();
        Process p;
        try {
            p = new ProcessBuilder("bash", "-c", command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new ExecException(hostName, ExecException.Kind.OTHER, "cannot start bash: " + e.getMessage(), "is bash installed?");
        }
        StringBuilder out = new StringBuilder(), err = new StringBuilder();
        Thread to = pump(p.getInputStream(), out, sink, false), te = pump(p.getErrorStream(), err, sink, true);
        boolean finished;
        try {
            finished = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            to.join(2000);
            te.join(2000);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            finished = false;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        synchronized (out) {
            synchronized (err) {
                return new Result(finished ? p.exitValue() : -1, out.toString(), err.toString(), took, !finished);
            }
        }
    }

    /** Copies a stream line by line into a buffer and the sink, on its own thread. */
    static Thread pump(InputStream in, StringBuilder buffer, LineSink sink, boolean stderr) {
        Thread t = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    synchronized (buffer) { buffer.append(line).append('\n'); }
                    sink.line(line, stderr);
                }
            } catch (IOException ignored) {
                // the process was killed; what was read so far is kept
            }
        }, "pump");
        t.setDaemon(true);
        t.start();
        return t;
    }
}

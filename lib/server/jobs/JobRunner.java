package lib.server.jobs;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import lib.deploy.ExitGrace;
import lib.deploy.history.HistoryRecorder;
import lib.deploy.lock.DeployLock;
import lib.server.ApiError;
import lib.server.events.EventHub;

/**
 * Runs the web API's deploy jobs in the background on a small bounded pool. A job arrives holding the deploy lock
 * (taken while its request was answered) and releases it when it ends, however it ends. Keeps the newest
 * {@code keep} jobs for GET /api/deployment/jobs (running ones are never dropped).
 * <p>Stopping ({@link #close}): no new jobs; running ones get {@link #grace} to finish; any still running after that
 * is interrupted: its history record, its state and a `deploy` event say so, its thread is interrupted, its lock released.
 */
public final class JobRunner implements AutoCloseable {
    /** Default grace period; `-Dportoser.web.deployGraceMs=N` sets another. */
    public static final Duration DEFAULT_GRACE = Duration.ofMillis(Long.getLong("portoser.web.deployGraceMs", 30_000));
    /** How much longer than the grace the runs' own exit hooks wait for {@link #close} on SIGTERM. */
    static final Duration EXIT_SLACK = Duration.ofSeconds(5);
    static final String INTERRUPTED_WHY = "portoser web was stopped before the run ended";

    /** What a job does; returns how it ended. An exception fails the job with its message. */
    public interface Task {
        Done run(Job job) throws Exception;
    }

    /** How a job ended: ok or not, its report (the `--json-output`-style document) and, when not ok, why. */
    public record Done(boolean ok, Object report, String error) {}

    private final EventHub events;
    private final int keep;
    private final ThreadPoolExecutor pool;
    private final Map<String, Job> jobs = new LinkedHashMap<>();
    private final Map<String, Running> running = new LinkedHashMap<>();
    private volatile Duration grace = DEFAULT_GRACE;
    /** Holds off the runs' exit hooks (history `interrupted`, lock release) while a SIGTERM lets them finish. */
    private final ExitGrace.Hold exitHold = ExitGrace.hold(DEFAULT_GRACE.plus(EXIT_SLACK));
    private boolean closed;

    private record Running(Job job, DeployLock lock, Future<?> future) {}

    public JobRunner(EventHub events, int threads, int keep) {
        this.events = events;
        this.keep = keep;
        AtomicInteger n = new AtomicInteger();
        // Mutations run one at a time anyway (the deploy lock); the queue only bridges a job ending and the next starting.
        this.pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(threads * 4), r -> {
            Thread t = new Thread(r, "deploy-job-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
    }

    public JobRunner(EventHub events) { this(events, 2, 50); }

    /** How long {@link #close} lets running jobs finish before recording them as interrupted. */
    public JobRunner grace(Duration d) {
        grace = d;
        exitHold.bound(d.plus(EXIT_SLACK));
        return this;
    }

    /**
     * Starts {@code task} for {@code job}, which owns {@code lock} from now on (released when the job ends, or here
     * when it cannot start). Publishes the `deploy` started event. 503 when stopping or full.
     */
    public Job submit(Job job, DeployLock lock, Task task) {
        synchronized (this) {
            if (closed) {
                release(lock);
                throw new ApiError(503, "unavailable", "the server is stopping; no new deploys", null, null);
            }
            jobs.put(job.id(), job);
            job.announce();
            try {
                running.put(job.id(), new Running(job, lock, pool.submit(() -> run(job, lock, task))));
            } catch (RejectedExecutionException e) {
                jobs.remove(job.id());
                job.end(Job.State.FAILED, null, "too many deploy jobs queued");
                release(lock);
                throw new ApiError(503, "unavailable", "too many deploy jobs queued; try again in a moment", null, null);
            }
            trim();
        }
        return job;
    }

    private void run(Job job, DeployLock lock, Task task) {
        try {
            Done d = task.run(job);
            job.end(d.ok() ? Job.State.OK : Job.State.FAILED, d.report(), d.ok() ? null : d.error());
        } catch (Exception | Error e) {
            String m = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
            if (e instanceof lib.cli.PortoserException p && p.hint() != null) m += " (" + p.hint() + ")";
            job.console().error(m);
            job.end(Job.State.FAILED, null, m);
        } finally {
            release(lock);
            synchronized (this) {
                running.remove(job.id());
                notifyAll();
            }
        }
    }

    public synchronized Optional<Job> get(String id) { return Optional.ofNullable(jobs.get(id)); }

    /** The kept jobs, newest first. */
    public synchronized List<Job> recent() {
        List<Job> out = new ArrayList<>(jobs.values());
        java.util.Collections.reverse(out);
        return out;
    }

    private void trim() {
        var it = jobs.entrySet().iterator();
        while (jobs.size() > keep && it.hasNext()) {
            if (!running.containsKey(it.next().getKey())) it.remove();
        }
    }

    @Override
    public void close() {
        List<Running> left;
        synchronized (this) {
            if (closed) return;
            closed = true;
            long deadline = System.nanoTime() + grace.toNanos();
            while (!running.isEmpty()) {
                long wait = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (wait <= 0) break;
                try {
                    wait(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            left = List.copyOf(running.values());
        }
        for (Running r : left) interrupt(r);
        pool.shutdownNow();
        exitHold.close();
    }

    /** Records the job as interrupted (history record first, then its state and event), then stops its thread. */
    private void interrupt(Running r) {
        HistoryRecorder.interrupt(r.job().id(), INTERRUPTED_WHY);
        r.job().end(Job.State.INTERRUPTED, null, INTERRUPTED_WHY);
        r.future().cancel(true);
        release(r.lock());
    }

    private static void release(DeployLock lock) {
        if (lock != null) lock.close();
    }
}

package io.eddy.loadtests.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Drives one key-value workload against one target and measures it.
 *
 * <p>Closed loop ({@code --rate 0}): {@code concurrency} workers, each sending its next request
 * as soon as the previous one answered, so exactly that many are in flight; latency runs from
 * send to answer. Open loop ({@code --rate R}): a pacer sends request {@code i} at the intended
 * time {@code start + i/R} whatever the answers, with at most {@code concurrency} outstanding
 * (beyond, it waits); latency runs from the <em>intended</em> send time, so a stall is charged to
 * every request it delayed (no coordinated omission).
 *
 * <p>An operation counts in the window it was sent in: the warm-up's stragglers are not measured,
 * and the window's own stragglers are awaited (bounded by the request timeout) and counted.
 * Failures are counted by code and their latency is not recorded.
 */
final class Driver {
    private final Target target;
    private final WorkloadSpec spec;
    private final BenchOptions options;
    private final Ops.Op op;
    private final Recording recording = new Recording();
    private final AtomicInteger outstanding = new AtomicInteger();
    private final AtomicLong measuredSent = new AtomicLong();
    private final AtomicLong measuredDone = new AtomicLong();
    private final long timeoutMillis;
    private volatile boolean sending = true;
    private volatile boolean harnessFailed;
    private long lastDone = -1;
    private long lastProgress;

    private Driver(Target target, WorkloadSpec spec, BenchOptions options, Ops.Op op) {
        this.target = target;
        this.spec = spec;
        this.options = options;
        this.op = op;
        this.timeoutMillis = options.requestTimeout().toMillis();
    }

    /** Runs {@code spec} against {@code target}: warm-up, measured window, result. */
    static Result run(Target target, WorkloadSpec spec, BenchOptions options, Ops.Op op, Progress progress)
            throws InterruptedException {
        return new Driver(target, spec, options, op).run(progress);
    }

    private Result run(Progress progress) throws InterruptedException {
        Thread pacer = null;
        if (options.rate() > 0) {
            pacer = new Thread(this::openLoop, "bench-pacer");
            pacer.setDaemon(true);
            pacer.start();
        } else {
            for (int w = 0; w < spec.concurrency(); w++) {
                closedLoop(w % target.connections());
            }
        }
        String label = spec.label() + " " + target.name();
        long[] window = Window.run(recording, options, progress, label, this::totalDone);
        sending = false;
        if (pacer != null) {
            pacer.join(timeoutMillis + 5_000);
        }
        long drainUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 5_000);
        while (outstanding.get() > 0 && System.nanoTime() < drainUntil) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10)); // bounded wait for stragglers
        }
        if (outstanding.get() > 0) {
            recording.error("NOT_ANSWERED_AT_END");
        }
        recording.tick(System.nanoTime());
        progress.clear();
        return recording.result(target.name(), spec, target.connections(), options.rate(),
                (window[1] - window[0]) / 1e9);
    }

    /**
     * Whether a {@code --total} run is over: every measured operation answered, or none answered
     * for longer than the request timeout (then {@code STALLED} is counted: the run must end).
     */
    private boolean totalDone() {
        long done = measuredDone.get();
        long now = System.nanoTime();
        if (done != lastDone) {
            lastDone = done;
            lastProgress = now;
        } else if (now - lastProgress > TimeUnit.MILLISECONDS.toNanos(timeoutMillis + 5_000)) {
            recording.error("STALLED");
            return true;
        }
        return done >= options.total();
    }

    /** One worker: sends, and on each answer sends again (a loop, not a recursion, when answers come at once). */
    private void closedLoop(int connection) {
        while (sending) {
            boolean measured = recording.measuring();
            if (!claim(measured)) {
                return;
            }
            long start = System.nanoTime();
            CompletableFuture<?> answer = send(connection);
            if (answer.isDone()) {
                answered(answer, start, measured);
                continue;
            }
            answer.whenComplete((v, e) -> {
                try {
                    answered(e, start, measured);
                    closedLoop(connection);
                } catch (Throwable t) { // a future would swallow it, and the worker would stop unseen
                    harnessFailure(t);
                }
            });
            return;
        }
    }

    private void openLoop() {
        Semaphore permits = new Semaphore(spec.concurrency());
        long start = System.nanoTime();
        double period = 1e9 / options.rate();
        for (long i = 0; sending; i++) {
            long intended = start + (long) (i * period);
            long wait = intended - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait); // the open loop's schedule
            }
            boolean measured = recording.measuring();
            if (!claim(measured)) {
                return;
            }
            try {
                while (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    if (!sending) {
                        unclaim(measured);
                        return;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            send((int) (i % target.connections())).whenComplete((v, e) -> {
                try {
                    answered(e, intended, measured);
                } catch (Throwable t) {
                    harnessFailure(t);
                } finally {
                    permits.release();
                }
            });
        }
    }

    private boolean claim(boolean measured) {
        if (measured && options.total() > 0 && measuredSent.incrementAndGet() > options.total()) {
            return false;
        }
        outstanding.incrementAndGet();
        return true;
    }

    private void unclaim(boolean measured) {
        if (measured && options.total() > 0) {
            measuredSent.decrementAndGet();
        }
        outstanding.decrementAndGet();
    }

    private CompletableFuture<?> send(int connection) {
        try {
            return op.issue(connection, recording);
        } catch (Throwable e) { // counted by code, like an answer that failed
            return CompletableFuture.failedFuture(e);
        }
    }

    /** A failure of the harness itself (not of a request): counted under HARNESS_*, the first one printed. */
    private void harnessFailure(Throwable t) {
        recording.error("HARNESS_" + t.getClass().getSimpleName());
        if (!harnessFailed) {
            harnessFailed = true;
            System.err.println("eddy bench: a worker failed; it stops:");
            t.printStackTrace();
        }
    }

    private void answered(CompletableFuture<?> answer, long start, boolean measured) {
        Throwable error = null;
        try {
            answer.join();
        } catch (RuntimeException e) {
            error = e;
        }
        answered(error, start, measured);
    }

    private void answered(Throwable error, long start, boolean measured) {
        try {
            if (measured) {
                if (error == null) {
                    recording.record(System.nanoTime() - start);
                } else {
                    recording.error(Errors.code(target, error));
                }
            } else if (error == null) {
                recording.unmeasured();
            }
        } finally {
            if (measured) {
                measuredDone.incrementAndGet();
            }
            outstanding.decrementAndGet();
        }
    }
}

package io.eddy.server.raft;

import io.eddy.server.mvcc.CompactStep;
import io.eddy.server.mvcc.MvccStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs compaction's physical phase on its own thread: every {@link #EVERY_MS} it removes
 * compacted history for at most {@link #BUDGET_MS}, in steps of {@link #STEP_DELETES}. Each
 * step is one short write transaction, so applies wait at most one step; progress is stored
 * with each step, so a restart resumes it. Removing compacted history changes nothing a
 * reader can see (the watch hub's retained reads aside, below), so it need not run on the
 * apply thread.
 *
 * <p><b>Waiting for the watch hub.</b> The member's watch hub reads the change log after each
 * apply, so it may still have to read a few revisions below a compact revision {@code C} that
 * just applied ({@link MvccStore#retainedChanges}). A new pass to {@code C} therefore starts
 * only once the hub's processed revision has reached {@code C - 1} (the step itself checks
 * the pass target against that limit, in its write transaction, so a compaction applied
 * meanwhile is held back as well). The wait is bounded: once passes have been held for
 * {@code maxWait} (the {@code watch.compaction-wait} setting) the compactor logs a warning and
 * proceeds; the hub's synced watchers still below {@code C} then end with COMPACTED. Waiting
 * is a skipped tick, never a sleep or a lock held: applies, reads and snapshot installation
 * go on meanwhile.
 */
final class BackgroundCompactor implements AutoCloseable {
    static final long EVERY_MS = 200;
    static final long BUDGET_MS = 50;
    static final int STEP_DELETES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCompactor.class);

    /** What may hold a new pass back: a reader's processed revision, for at most {@code maxWaitNanos}. */
    private record Hold(LongSupplier processed, long maxWaitNanos) {
    }

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eddy-compactor");
        thread.setDaemon(true);
        return thread;
    });
    private volatile Hold hold = new Hold(() -> Long.MAX_VALUE, 0);
    private volatile boolean waiting;
    /** When the current wait began; compactor thread only. */
    private long waitingSince;

    void start(StoreHandle store) {
        executor.scheduleWithFixedDelay(() -> compactSome(store), EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Holds each new pass back until {@code processed} (read from the compactor thread; it must
     * return at once) reaches the pass target - 1, for at most {@code maxWait} (zero: no wait).
     */
    void holdFor(LongSupplier processed, Duration maxWait) {
        Objects.requireNonNull(processed, "processed");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("the compaction wait must not be negative: " + maxWait);
        }
        hold = new Hold(processed, maxWait.toNanos());
    }

    /** True while a pass is held back, waiting for the reader given to {@link #holdFor}. */
    boolean waiting() {
        return waiting;
    }

    private void compactSome(StoreHandle store) {
        try {
            Hold current = hold;
            CompactStep step = run(store, current.maxWaitNanos() == 0 ? Long.MAX_VALUE : limit(current));
            if (step == CompactStep.HELD) {
                long now = System.nanoTime();
                if (!waiting) {
                    waitingSince = now;
                    waiting = true;
                }
                if (now - waitingSince >= current.maxWaitNanos()) {
                    long compact = store.read(MvccStore::compactRevision);
                    LOG.warn("compaction to revision {}: the watch hub has read the log only up to revision {}"
                            + " after {} ms (watch.compaction-wait); removing the history below {} now, so its"
                            + " synced watchers still below it end with COMPACTED", compact,
                            current.processed().getAsLong(), TimeUnit.NANOSECONDS.toMillis(now - waitingSince),
                            compact);
                    step = run(store, Long.MAX_VALUE);
                }
            }
            if (step != CompactStep.HELD) {
                waiting = false;
            }
        } catch (RuntimeException e) {
            LOG.warn("compaction step failed (will retry): {}", e.toString());
        }
    }

    /** The highest pass target the reader allows: everything below its processed revision + 1 is read. */
    private static long limit(Hold hold) {
        long processed = hold.processed().getAsLong();
        return processed == Long.MAX_VALUE ? Long.MAX_VALUE : processed + 1;
    }

    /** Steps for at most {@link #BUDGET_MS}; returns the last step's outcome. */
    private static CompactStep run(StoreHandle store, long maxPassTarget) {
        return store.read(mvcc -> {
            if (!mvcc.compactionPending()) {
                return CompactStep.FINISHED;
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
            CompactStep step;
            do {
                step = mvcc.compactStep(STEP_DELETES, maxPassTarget);
            } while (step == CompactStep.MORE && System.nanoTime() < deadline);
            return step;
        });
    }

    /** Stops after the step in progress. */
    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

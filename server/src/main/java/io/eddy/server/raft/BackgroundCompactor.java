package io.eddy.server.raft;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs compaction's physical phase on its own thread: every {@link #EVERY_MS} it removes
 * compacted history for at most {@link #BUDGET_MS}, in steps of {@link #STEP_DELETES}. Each
 * step is one short write transaction, so applies wait at most one step; progress is stored
 * with each step, so a restart resumes it. Removing compacted history changes nothing a
 * reader can see, so it need not run on the apply thread.
 */
final class BackgroundCompactor implements AutoCloseable {
    static final long EVERY_MS = 200;
    static final long BUDGET_MS = 50;
    static final int STEP_DELETES = 1000;
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundCompactor.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "eddy-compactor");
        thread.setDaemon(true);
        return thread;
    });

    void start(StoreHandle store) {
        executor.scheduleWithFixedDelay(() -> compactSome(store), EVERY_MS, EVERY_MS, TimeUnit.MILLISECONDS);
    }

    private static void compactSome(StoreHandle store) {
        try {
            store.read(mvcc -> {
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BUDGET_MS);
                while (mvcc.compactionPending() && mvcc.compactStep(STEP_DELETES) && System.nanoTime() < deadline) {
                    // next step
                }
                return null;
            });
        } catch (RuntimeException e) {
            LOG.warn("compaction step failed (will retry): {}", e.toString());
        }
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

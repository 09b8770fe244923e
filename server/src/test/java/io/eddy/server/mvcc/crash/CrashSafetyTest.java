package io.eddy.server.mvcc.crash;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.ApplyResult;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.memory.MemoryEngine;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of the Xodus-backed {@link MvccStore}: a real child JVM ({@link CrashWriter})
 * applies the deterministic {@link Batches} stream and is killed with SIGKILL at a random
 * point (after 200 to 2000 batches). Then, in this JVM, with the child gone:
 * <ul>
 *   <li>the stored applied index I names a prefix: I is at least what the previous cycle
 *       left durably (clean close) and at most one past the last batch the child reported,
 *       and its term is the batches' term;</li>
 *   <li>the state equals that of a fresh {@link MemoryEngine} store that applied batches
 *       1..I: revision, compact revision, every key and value, {@code hash(0)} and the change
 *       log ({@link StoreComparison});</li>
 *   <li>re-applying batches I-3..I is skipped (empty results) and changes nothing;</li>
 *   <li>batches I+1..I+{@value #CONTINUE} give the same results as on the reference, and
 *       finishing the physical compaction (interrupted by the kill) keeps the state equal.</li>
 * </ul>
 * Three cycles run on the same directory; each child resumes at the stored index + 1.
 * The random seed is printed and in every failure message.
 */
class CrashSafetyTest {
    private static final int CYCLES = 3;
    private static final int CONTINUE = 20;
    private static final long START_TIMEOUT_MS = 30_000;
    private static final long APPLY_TIMEOUT_MS = 60_000;
    private static final long KILL_TIMEOUT_MS = 30_000;

    @TempDir
    Path tmp;

    private WriterProcess child;
    private Engine referenceEngine;
    private MvccStore reference;
    private long referenceIndex;

    @AfterEach
    void cleanUp() {
        if (child != null) {
            child.close();
        }
        if (reference != null) {
            reference.close();
        }
        if (referenceEngine != null) {
            referenceEngine.close();
        }
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void killedWriterLeavesExactlyAPrefixOfTheAppliedBatches() throws Exception {
        long seed = Long.getLong("eddy.crash.seed", System.nanoTime());
        Random random = new Random(seed);
        Path dir = tmp.resolve("store");
        referenceEngine = new MemoryEngine(Schema.TABLES);
        reference = MvccStore.open(referenceEngine, Limits.DEFAULTS);
        long began = System.nanoTime();
        System.out.println("CrashSafetyTest seed " + seed + " (rerun with -Deddy.crash.seed=" + seed + ")");

        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            String where = "seed " + seed + ", cycle " + cycle;
            int target = 200 + random.nextInt(1801);

            child = WriterProcess.start(dir);
            long start = child.awaitStart(START_TIMEOUT_MS);
            assertEquals(referenceIndex + 1, start, where + ": the child must resume after the stored index");
            child.awaitApplied(start + target - 1, APPLY_TIMEOUT_MS);
            long lastReported = child.kill(KILL_TIMEOUT_MS);
            assertEquals(137, child.exitValue(), where + ": the child should have died of SIGKILL");
            child = null;

            long recovered = checkRecovered(dir, lastReported, where);
            System.out.printf("cycle %d: child applied %d..%d (target %d), recovered index %d, continued to %d%n",
                    cycle, start, lastReported, start + target - 1, recovered, referenceIndex);
        }
        System.out.printf("CrashSafetyTest: %d cycles, %d batches in all, %.1f s%n", CYCLES, referenceIndex,
                (System.nanoTime() - began) / 1e9);
    }

    /** Reopens the store after the kill, runs every check, and returns the recovered index. */
    private long checkRecovered(Path dir, long lastReported, String where) {
        try (Engine engine = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS);
                MvccStore store = MvccStore.open(engine, Limits.DEFAULTS)) {
            AppliedIndex applied = store.appliedIndex();
            long recovered = applied.index();
            where += ", recovered index " + recovered + ", child reported " + lastReported;
            assertTrue(recovered >= referenceIndex,
                    where + ": lost batches that a clean close had stored (had " + referenceIndex + ")");
            assertTrue(recovered <= lastReported + 1, where + ": stored index is past what the child applied");
            assertEquals(recovered == 0 ? AppliedIndex.NONE : new AppliedIndex(Batches.TERM, recovered), applied,
                    where + ": applied index");

            advanceReferenceTo(recovered);
            StoreComparison.assertSameState(reference, store, where + ", after reopen");

            for (long i = Math.max(1, recovered - 3); i <= recovered; i++) {
                ApplyResult replay = store.apply(new AppliedIndex(Batches.TERM, i), Batches.batch(i));
                assertTrue(replay.skipped(), where + ": replay of batch " + i + " must be skipped");
                assertTrue(replay.results().isEmpty(), where + ": a skipped batch has no results");
            }
            assertEquals(applied, store.appliedIndex(), where + ": replays must not move the applied index");
            StoreComparison.assertSameState(reference, store, where + ", after replaying " + (recovered - 3) + ".."
                    + recovered);

            for (long i = recovered + 1; i <= recovered + CONTINUE; i++) {
                ApplyResult expected = applyToReference(i);
                ApplyResult actual = store.apply(new AppliedIndex(Batches.TERM, i), Batches.batch(i));
                assertEquals(expected.skipped(), actual.skipped(), where + ": batch " + i + " skipped");
                assertEquals(expected.results(), actual.results(), where + ": results of batch " + i);
            }
            assertEquals(new AppliedIndex(Batches.TERM, referenceIndex), store.appliedIndex(),
                    where + ": applied index after continuing");
            StoreComparison.assertSameState(reference, store, where + ", after continuing to " + referenceIndex);

            int steps = 0;
            while (store.compactionPending()) {
                assertTrue(++steps <= 100_000, where + ": physical compaction does not finish");
                store.compactStep(1_000);
            }
            StoreComparison.assertSameState(reference, store, where + ", after finishing physical compaction");
            return recovered;
        }
    }

    private void advanceReferenceTo(long index) {
        while (referenceIndex < index) {
            applyToReference(referenceIndex + 1);
        }
    }

    /** Applies batch {@code i} to the reference and finishes its physical compaction. */
    private ApplyResult applyToReference(long i) {
        ApplyResult result = reference.apply(new AppliedIndex(Batches.TERM, i), Batches.batch(i));
        referenceIndex = i;
        while (reference.compactionPending()) {
            reference.compactStep(10_000);
        }
        return result;
    }
}

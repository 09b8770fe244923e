package io.eddy.server.mvcc.model;

import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.memory.MemoryEngine;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model-based test of {@link MvccStore}: random sequences of puts, range deletes, txns
 * (nested, with compares and reads), ranges at random past revisions, compactions, physical
 * compaction steps and invalid requests, run against the store and against
 * {@link ReferenceModel}, an independent naive implementation of etcd v3's semantics, and
 * compared after every step (see {@link ModelRun} for what is compared).
 *
 * <p>The Xodus-backed store runs at least 10,000 operations with small limits (so that key,
 * value, request and txn-size errors are cheap to provoke), next to a memory-backed store fed
 * the same batches (hashes must agree). A shorter run uses two memory-backed stores with the
 * default limits.
 *
 * <p>The seed is the current time unless {@code -Deddy.seed=N} is given; every failure
 * reports the seed, the step and the operation. Reproduce with
 * {@code ./mvnw -pl server test -Dtest=MvccModelTest -Deddy.seed=N}; run longer with
 * {@code -Deddy.model.ops=N} (operations of the Xodus run; the memory run does a third).
 */
class MvccModelTest {
    private static final Limits SMALL = new Limits(64, 256, 4096, 8);

    private static long seed() {
        String seed = System.getProperty("eddy.seed", "");
        return seed.isBlank() ? System.currentTimeMillis() : Long.parseLong(seed.trim());
    }

    private static int ops() {
        return Integer.getInteger("eddy.model.ops", 10_000);
    }

    @Test
    void xodusStoreAgreesWithModel(@TempDir Path dir) {
        long seed = seed();
        try (XodusEngine xodus = XodusEngine.open(dir, Schema.TABLES, XodusOptions.DEFAULTS);
             MemoryEngine memory = new MemoryEngine(Schema.TABLES);
             MvccStore primary = MvccStore.open(xodus, SMALL);
             MvccStore secondary = MvccStore.open(memory, SMALL)) {
            run(seed, "xodus+memory, small limits", primary, secondary, SMALL, ops());
        }
    }

    @Test
    void memoryStoreAgreesWithModelWithDefaultLimits() {
        long seed = seed();
        try (MemoryEngine first = new MemoryEngine(Schema.TABLES);
             MemoryEngine second = new MemoryEngine(Schema.TABLES);
             MvccStore primary = MvccStore.open(first, Limits.DEFAULTS);
             MvccStore secondary = MvccStore.open(second, Limits.DEFAULTS)) {
            run(seed, "memory+memory, default limits", primary, secondary, Limits.DEFAULTS, Math.max(1, ops() / 3));
        }
    }

    private static void run(long seed, String name, MvccStore primary, MvccStore secondary, Limits limits, int ops) {
        long start = System.nanoTime();
        ModelRun run = new ModelRun(seed, name, primary, secondary, new ReferenceModel(limits));
        Map<String, Integer> stats = run.run(ops);
        System.out.printf("MvccModelTest %s: seed=%d, %d operations in %d ms%n  outcomes: %s%n", name, seed, ops,
                (System.nanoTime() - start) / 1_000_000, stats);
    }
}

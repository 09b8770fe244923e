package io.eddy.server.mvcc.crash;

import io.eddy.server.mvcc.AppliedIndex;
import io.eddy.server.mvcc.ApplyResult;
import io.eddy.server.mvcc.Limits;
import io.eddy.server.mvcc.MvccStore;
import io.eddy.server.mvcc.Schema;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.xodus.XodusEngine;
import io.eddy.server.storage.xodus.XodusOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The child JVM of {@link CrashSafetyTest}: opens an Xodus-backed {@link MvccStore} at
 * {@code args[0]} and applies {@link Batches} from the stored applied index + 1 on, until it
 * is killed. Protocol on stdout (other lines, e.g. logging, may be interleaved):
 * <pre>
 * start N       the first batch this run applies (stored index + 1)
 * applied i     batch i is committed (printed and flushed after apply returned)
 * </pre>
 * It also runs physical compaction a little after each batch, so that a kill can land in the
 * middle of it. As a guard against orphans it stops on its own when its stdin reaches end
 * of file (the parent died) or after {@code args[1]} batches (default 200,000).
 */
public final class CrashWriter {
    /** Xodus cache of the child, well below its heap (see {@link WriterProcess}). */
    private static final long CACHE_BYTES = 32L * 1024 * 1024;

    private CrashWriter() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: CrashWriter <dir> [maxBatches]");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        long maxBatches = args.length > 1 ? Long.parseLong(args[1]) : 200_000;
        exitWhenParentGoes();

        PrintStream out = System.out;
        XodusOptions options = XodusOptions.DEFAULTS.withCacheBytes(CACHE_BYTES);
        try (Engine engine = XodusEngine.open(dir, Schema.TABLES, options);
                MvccStore store = MvccStore.open(engine, Limits.DEFAULTS)) {
            long start = store.appliedIndex().index() + 1;
            out.println("start " + start);
            out.flush();
            for (long i = start; i < start + maxBatches; i++) {
                ApplyResult result = store.apply(new AppliedIndex(Batches.TERM, i), Batches.batch(i));
                if (result.skipped()) {
                    throw new IllegalStateException("batch " + i + " was skipped, applied index is "
                            + store.appliedIndex());
                }
                out.println("applied " + i);
                out.flush();
                if (store.compactionPending()) {
                    store.compactStep(100);
                }
            }
        }
        out.println("done");
        out.flush();
    }

    /** Halts the JVM when stdin closes: the parent test is gone and nobody will kill us. */
    private static void exitWhenParentGoes() {
        Thread watcher = new Thread(() -> {
            InputStream in = System.in;
            try {
                while (in.read() >= 0) {
                    // ignore input
                }
            } catch (IOException e) {
                // treat as closed
            }
            Runtime.getRuntime().halt(3);
        }, "parent-watcher");
        watcher.setDaemon(true);
        watcher.start();
    }
}

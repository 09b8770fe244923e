package io.eddy.loadtests.node;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.node.EddyNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes a given number of events (puts) through a member's write path as txns of
 * {@code opsPerTxn} puts with {@code inFlight} txns outstanding, and records the revision of
 * each txn: one revision per txn, its events in the txn's order.
 */
final class EventWriter {
    private EventWriter() {
    }

    /**
     * What was written: {@code revisions} ascending, {@code events[i]} the puts of
     * {@code revisions[i]}, {@code nanos} from the first send to the last answer.
     */
    record Written(long[] revisions, int[] events, long nanos) {
        long total() {
            return Arrays.stream(events).asLongStream().sum();
        }
    }

    /** Puts keys {@code prefix%08d} for 0 &lt;= k &lt; {@code count}, values of {@code valueBytes} bytes. */
    static Written write(EddyNode node, String prefix, int count, int opsPerTxn, int inFlight, int valueBytes)
            throws InterruptedException {
        int txns = (count + opsPerTxn - 1) / opsPerTxn;
        long[] byTxn = new long[txns];
        Semaphore permits = new Semaphore(inFlight);
        AtomicReference<String> failure = new AtomicReference<>();
        ByteString value = ByteString.copyFrom(new byte[valueBytes]);
        long t0 = System.nanoTime();
        for (int t = 0; t < txns && failure.get() == null; t++) {
            TxnRequest.Builder txn = TxnRequest.newBuilder();
            for (int k = t * opsPerTxn; k < Math.min(count, (t + 1) * opsPerTxn); k++) {
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(PutRequest.newBuilder()
                        .setKey(ByteString.copyFrom(String.format("%s%08d", prefix, k), StandardCharsets.UTF_8))
                        .setValue(value)));
            }
            if (!permits.tryAcquire(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no txn finished in 60 s");
            }
            CompletableFuture<CommandResult> result;
            try {
                result = node.write(Command.newBuilder().setTxn(txn).build());
            } catch (RuntimeException e) {
                result = CompletableFuture.failedFuture(e);
            }
            int index = t;
            result.whenComplete((r, e) -> {
                if (e != null || r.hasError() || !r.getTxn().getSucceeded()) {
                    failure.compareAndSet(null, "txn " + index + ": " + (e != null ? e : r));
                } else {
                    byTxn[index] = r.getTxn().getHeader().getRevision();
                }
                permits.release();
            });
        }
        if (!permits.tryAcquire(inFlight, 120, TimeUnit.SECONDS)) {
            throw new IllegalStateException("txns unfinished 120 s after the last was sent");
        }
        long nanos = System.nanoTime() - t0;
        if (failure.get() != null) {
            throw new IllegalStateException("write failed: " + failure.get());
        }
        // Revision order = apply order; sort (revision, events) pairs by revision.
        long[][] pairs = new long[txns][];
        for (int t = 0; t < txns; t++) {
            pairs[t] = new long[] {byTxn[t], Math.min(count, (t + 1) * opsPerTxn) - (long) t * opsPerTxn};
        }
        Arrays.sort(pairs, (a, b) -> Long.compare(a[0], b[0]));
        long[] revisions = new long[txns];
        int[] events = new int[txns];
        for (int t = 0; t < txns; t++) {
            revisions[t] = pairs[t][0];
            events[t] = (int) pairs[t][1];
            if (t > 0 && revisions[t] == revisions[t - 1]) {
                throw new IllegalStateException("two txns answered with revision " + revisions[t]);
            }
        }
        return new Written(revisions, events, nanos);
    }
}

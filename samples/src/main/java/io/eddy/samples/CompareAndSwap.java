package io.eddy.samples;

import io.eddy.client.ByteSequence;
import io.eddy.client.Cmp;
import io.eddy.client.EddyClient;
import io.eddy.client.EddyClientException;
import io.eddy.client.GetResult;
import io.eddy.client.KeyValue;
import io.eddy.client.KvClient;
import io.eddy.client.TxnOp;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Optimistic concurrency with a transaction: read a counter with its mod revision, compute the
 * new value, and write it only if the counter still has that mod revision; when another writer
 * got there first, read again and retry. Several concurrent incrementers end with the exact total.
 *
 * <p>The part most samples skip is the write whose outcome is unknown: a time-out or a lost
 * connection after the transaction was sent ({@link EddyClientException#isMaybeCommitted()}).
 * Retrying it blindly could count it twice. So each increment has an id, and the same
 * transaction that bumps the counter writes the id into the writer's own receipt key; the next
 * attempt reads the receipt first and stops if its increment was applied after all.
 *
 * <p>Run against {@code ./eddy up} (4 writers, 25 increments each, then the total):
 * <pre>
 * java -cp samples/target/eddy-samples.jar io.eddy.samples.CompareAndSwap counters/hits 4 25
 * </pre>
 */
public final class CompareAndSwap {
    /** Attempts of one increment before giving up (conflicts and retryable failures together). */
    static final int MAX_ATTEMPTS = 200;

    private CompareAndSwap() {
    }

    /**
     * Adds 1 to the decimal counter at {@code counter} (a missing key counts as 0), exactly once,
     * as writer {@code writer}; emits the counter's value right after this increment.
     *
     * <p>Each writer name must be used by one writer at a time (its receipt key,
     * {@code counter + "/receipt/" + writer}, is written only by it).
     *
     * @return a cold Mono; it fails with the last failure when an attempt fails in a way a retry
     *         cannot fix (not {@link EddyClientException#isRetryable()}), or after
     *         {@link #MAX_ATTEMPTS} attempts
     */
    public static Mono<Long> increment(KvClient kv, String counter, String writer) {
        // One id per increment (per subscription), kept by all its attempts. Not UUID.randomUUID():
        // that reads the OS entropy source, a blocking call, and this may run on a client thread.
        return Mono.defer(() -> {
            ThreadLocalRandom random = ThreadLocalRandom.current();
            return increment(kv, counter, writer, new UUID(random.nextLong(), random.nextLong()).toString());
        });
    }

    /** {@link #increment(KvClient, String, String)} with the increment's id given. */
    static Mono<Long> increment(KvClient kv, String counter, String writer, String id) {
        ByteSequence counterKey = ByteSequence.fromUtf8(counter);
        ByteSequence receiptKey = receiptKey(counter, writer);
        return Mono.defer(() -> attempt(kv, counterKey, receiptKey, id))
                .retryWhen(Retry.backoff(MAX_ATTEMPTS - 1, Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(200))
                        .filter(CompareAndSwap::worthRetrying)
                        .onRetryExhaustedThrow((spec, signal) -> signal.failure()));
    }

    /** The key only {@code writer} writes, holding the id and result of its last increment. */
    static ByteSequence receiptKey(String counter, String writer) {
        return ByteSequence.fromUtf8(counter + "/receipt/" + writer);
    }

    private static Mono<Long> attempt(KvClient kv, ByteSequence counterKey, ByteSequence receiptKey, String id) {
        // Two plain reads. They need not be at the same revision: the transaction below checks
        // both mod revisions, so anything that changed in between makes it fail and retry.
        return Mono.zip(kv.get(counterKey), kv.get(receiptKey)).flatMap(read -> {
            KeyValue counter = first(read.getT1());
            KeyValue receipt = first(read.getT2());
            if (receipt != null && receipt.value().toUtf8().startsWith(id + " ")) {
                // An earlier attempt whose outcome we did not learn was applied after all.
                return Mono.just(Long.parseLong(receipt.value().toUtf8().substring(id.length() + 1)));
            }
            long next = (counter == null ? 0 : Long.parseLong(counter.value().toUtf8())) + 1;
            return kv.txn()
                    // A missing key has mod revision 0, so the first increment needs no special case.
                    .when(Cmp.modRevision(counterKey, Cmp.Op.EQUAL, counter == null ? 0 : counter.modRevision()),
                            // Also guard the receipt: an earlier attempt still in flight that lands
                            // now changes it, and this attempt must then not count a second time.
                            Cmp.modRevision(receiptKey, Cmp.Op.EQUAL, receipt == null ? 0 : receipt.modRevision()))
                    .then(TxnOp.put(counterKey, ByteSequence.fromUtf8(Long.toString(next))),
                            TxnOp.put(receiptKey, ByteSequence.fromUtf8(id + " " + next)))
                    .commit()
                    .flatMap(result -> result.succeeded() ? Mono.just(next) : Mono.error(Conflict.INSTANCE));
        });
    }

    /**
     * Which failures a new attempt (read, compute, transaction) may fix:
     * <ul>
     *   <li>a conflict: someone else changed the counter; read it again;</li>
     *   <li>{@link EddyClientException#isRetryable()}: no leader yet, too many requests, a lost
     *       connection, a time-out. The client has already retried the transaction itself with the
     *       same request id (the cluster applies a request id at most once), so what reaches us
     *       is either not applied or {@link EddyClientException#isMaybeCommitted() maybe
     *       committed}. Both are safe to retry here because the next attempt reads the receipt
     *       first;</li>
     *   <li>anything else (an invalid request, a server failure) is not retried: it would fail
     *       the same way. If it {@code isMaybeCommitted()}, the receipt tells later whether it
     *       counted.</li>
     * </ul>
     */
    private static boolean worthRetrying(Throwable failure) {
        return failure instanceof Conflict || (failure instanceof EddyClientException e && e.isRetryable());
    }

    private static KeyValue first(GetResult result) {
        return result.kvs().isEmpty() ? null : result.kvs().get(0);
    }

    /**
     * Runs {@code writers} writers at once, each making {@code increments} increments one after
     * the other; emits the counter's value after the last one.
     */
    public static Mono<Long> run(KvClient kv, String counter, int writers, int increments) {
        return Flux.range(1, writers)
                .flatMap(w -> Flux.range(0, increments).concatMap(i -> increment(kv, counter, "writer-" + w)), writers)
                .then(kv.get(ByteSequence.fromUtf8(counter)))
                .map(result -> Long.parseLong(first(result).value().toUtf8()));
    }

    /** The transaction's guard did not hold: another writer changed the counter first. */
    private static final class Conflict extends RuntimeException {
        private static final long serialVersionUID = 1L;
        static final Conflict INSTANCE = new Conflict();

        private Conflict() {
            super("the counter changed since it was read", null, false, false);
        }
    }

    /**
     * Increments the counter (first argument, default {@code counters/hits}) with N writers
     * (second, default 4) making M increments each (third, default 25), then prints its value.
     */
    public static void main(String[] args) {
        Endpoints.Parsed command = Endpoints.parse(args);
        String counter = command.arg(0, "counters/hits");
        int writers = Integer.parseInt(command.arg(1, "4"));
        int increments = Integer.parseInt(command.arg(2, "25"));
        try (EddyClient client = EddyClient.builder().endpoints(command.endpoints()).build()) {
            long before = client.kv().get(ByteSequence.fromUtf8(counter))
                    .map(result -> result.kvs().isEmpty() ? 0L : Long.parseLong(result.kvs().get(0).value().toUtf8()))
                    .block();
            long after = run(client.kv(), counter, writers, increments).block();
            System.out.println(counter + ": " + before + " -> " + after + " (" + writers + " writers x "
                    + increments + " increments = +" + (after - before) + ")");
        }
    }
}

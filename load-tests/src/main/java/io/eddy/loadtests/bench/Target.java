package io.eddy.loadtests.bench;

import java.util.concurrent.CompletableFuture;

/**
 * A store under test, reached through its own client: Eddy ({@link EddyTarget}) or etcd
 * ({@link EtcdTarget}). Every workload drives a target only through this interface, so both
 * stores are measured by the same code. Keys and values are plain bytes.
 *
 * <p>A target holds {@link #connections()} connections (one client each); every call names the
 * connection it goes through ({@code 0 <= connection < connections()}), and connection {@code i}
 * talks first to endpoint {@code i % endpoints}. Every method returns at once; the future
 * completes when the answer arrives, or exceptionally with the client's own exception, which
 * {@link #errorCode} turns into a short code. Every call is bounded by the request timeout the
 * target was opened with (the target, not the harness, schedules it: the harness may send the
 * next request from the client's event loop, where it must not take a timer's lock).
 */
interface Target extends AutoCloseable {
    /** The name in reports: {@code eddy} or {@code etcd}. */
    String name();

    /** The number of connections. */
    int connections();

    /** Puts {@code value} at {@code key}; completes with the write's revision. */
    CompletableFuture<Long> put(int connection, byte[] key, byte[] value);

    /** Reads one key, linearizable or serializable; completes with the number of keys found (0 or 1). */
    CompletableFuture<Integer> get(int connection, byte[] key, boolean serializable);

    /** Reads the keys in {@code [from, end)}, at most {@code limit}; completes with the number of keys returned. */
    CompletableFuture<Integer> range(int connection, byte[] from, byte[] end, int limit, boolean serializable);

    /**
     * Compare-and-swap in one transaction: if {@code key}'s value equals {@code expected}, put
     * {@code value}, else read the key. Completes with whether the comparison held.
     */
    CompletableFuture<Boolean> txnCas(int connection, byte[] key, byte[] expected, byte[] value);

    /**
     * Grants a lease of {@code ttlSeconds} and renews it once (two round trips). Completes
     * exceptionally with {@link UnsupportedOperationException} where the store has no leases.
     */
    CompletableFuture<?> leaseGrantKeepAlive(int connection, long ttlSeconds);

    /** Whether {@link #leaseGrantKeepAlive} is supported (else the lease workload is skipped). */
    boolean supportsLeases();

    /**
     * Watches every key under {@code prefix}, from now, through {@code connection}; each event's
     * revision and stamp (the big-endian long in the value's first 8 bytes, 0 if shorter) go to {@code sink}, one call at a time per watch. Closing the returned
     * handle cancels the watch.
     */
    AutoCloseable watch(int connection, byte[] prefix, EventSink sink);

    /** A short, stable code for a failure of one of this target's calls (e.g. an error code or gRPC status). */
    String errorCode(Throwable error);

    /** Closes every connection. */
    @Override
    void close();

    /** Receives one watch's events. */
    interface EventSink {
        /** One event at {@code revision} whose value starts with {@code stamp}. */
        void onEvent(long revision, long stamp);

        /** The watch failed and ended. */
        void onError(Throwable error);
    }

    /** The big-endian long in the first 8 bytes, read through {@code byteAt}; 0 when {@code size < 8}. */
    static long stamp(int size, java.util.function.IntUnaryOperator byteAt) {
        if (size < Long.BYTES) {
            return 0;
        }
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (byteAt.applyAsInt(i) & 0xFF);
        }
        return value;
    }
}

package io.eddy.loadtests.client;

import java.util.concurrent.CompletableFuture;

/**
 * The store under test in {@link WatchFanoutBenchmark}: Eddy through {@code EddyClient}, or
 * etcd through jetcd. Keys and values are plain bytes; each implementation hides its client.
 */
interface FanoutTarget extends AutoCloseable {
    /** Starts a watch of every key under {@code prefix}, from now, on connection {@code connection}; events go to {@code sink}. */
    void watch(int connection, byte[] prefix, EventSink sink);

    /** Puts {@code value} at {@code key} through the writer's connection; completes with the write's revision. */
    CompletableFuture<Long> put(byte[] key, byte[] value);

    /** Cancels the watches and closes every connection. */
    @Override
    void close();

    /** Receives one watch's events, one call at a time, in the order the client delivers them. */
    interface EventSink {
        /** One event of revision {@code revision} whose value starts with the big-endian {@code stamp}. */
        void onEvent(long revision, long stamp);

        /** The watch failed and ended. */
        void onError(Throwable error);
    }

    /** The big-endian long in the first 8 bytes, as read through {@code byteAt}. */
    static long stamp(java.util.function.IntUnaryOperator byteAt) {
        long value = 0;
        for (int i = 0; i < Long.BYTES; i++) {
            value = (value << 8) | (byteAt.applyAsInt(i) & 0xFF);
        }
        return value;
    }
}

package io.eddy.client;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The key-value service of an {@link EddyClient} (obtained from {@link EddyClient#kv()}).
 *
 * <p>Every method returns a cold {@link Mono}: nothing is sent until it is subscribed, and each
 * subscription sends the request again. Cancelling a subscription cancels the request, although
 * a write already submitted may still be applied. Every call is bounded by the client's request
 * timeout ({@link RequestTimeoutException}); failures are {@link EddyClientException}s.
 *
 * <p>Reads are retried (a few times, on another member when the connection failed) when the
 * error is {@linkplain EddyClientException#isRetryable() retryable}. Writes carry a request id
 * and are retried with the same id under the same condition: the member applies a write only
 * once per id, so a retry never applies it twice.
 */
public interface KvClient {
    /** Reads {@code key} (linearizable, latest revision). */
    default Mono<GetResult> get(ByteSequence key) {
        return get(key, GetOptions.DEFAULTS);
    }

    /** Reads {@code key}, or the range from {@code key} to {@link GetOptions#rangeEnd()}, as {@code options} say. */
    Mono<GetResult> get(ByteSequence key, GetOptions options);

    /**
     * Streams the keys from {@code key} to {@link RangeStreamOptions#rangeEnd()} in ascending
     * key order, all as of one revision R, however many there are.
     *
     * <p>R is pinned when the stream starts: the latest revision through a linearizable read
     * (or the answering member's revision when {@linkplain RangeStreamOptions#serializable()
     * serializable}), or {@link RangeStreamOptions#revision()} when set. Every key is as it was
     * at R: keys written after R do not appear, keys deleted after R do, with their value at R.
     *
     * <p>The {@link Flux} is cold and honours demand end to end: the member reads a chunk of
     * keys (at most 256, about 1 MiB) only when the client asks for one, and the client asks
     * for the next chunk only when the subscriber has taken every key of the current one, so
     * memory stays at about one chunk per side whatever the range's size or the subscriber's
     * pace. Cancelling stops the member's reads. The stream has no overall timeout (each
     * attempt must see its first chunk within the request timeout's share).
     *
     * <p>When the connection fails mid-stream (or the member answers with another retryable
     * error), the stream resumes on the next endpoint from the key after the last one
     * delivered, at R and with the remaining limit: the subscriber sees every key exactly
     * once, in order. If R has been compacted meanwhile, the stream fails with a
     * {@link RevisionException} ({@link ErrorCode#COMPACTED}). An empty range completes
     * without keys.
     */
    Flux<KeyValue> rangeStream(ByteSequence key, RangeStreamOptions options);

    /** Sets {@code key} to {@code value}. */
    default Mono<PutResult> put(ByteSequence key, ByteSequence value) {
        return put(key, value, PutOptions.DEFAULTS);
    }

    /** Sets {@code key} to {@code value} with {@code options}. */
    Mono<PutResult> put(ByteSequence key, ByteSequence value, PutOptions options);

    /** Deletes {@code key}. */
    default Mono<DeleteResult> delete(ByteSequence key) {
        return delete(key, DeleteOptions.DEFAULTS);
    }

    /** Deletes {@code key}, or the range from {@code key} to {@link DeleteOptions#rangeEnd()}. */
    Mono<DeleteResult> delete(ByteSequence key, DeleteOptions options);

    /**
     * Compacts the history up to {@code revision}: older revisions can no longer be read
     * ({@link RevisionException} with {@link ErrorCode#COMPACTED}). Emits the header revision.
     */
    Mono<Long> compact(long revision);

    /** A new, empty transaction; nothing is sent until its {@link Txn#commit()} is subscribed. */
    Txn txn();
}

package io.eddy.client;

import reactor.core.publisher.Flux;

/**
 * The watch service of an {@link EddyClient} (obtained from {@link EddyClient#watch()}).
 *
 * <p>A watch is a cold {@link Flux} of {@link WatchBatch}es, one per revision that changed a
 * watched key: nothing is sent until it is subscribed, each subscription is a new watch, and
 * cancelling the subscription is the unwatch (the member frees the watcher).
 *
 * <p>Guarantees: batches come in ascending revision order, each revision at most once and
 * with all its selected events (a write or txn is never split), and no revision that changed
 * a watched key is skipped. These hold across failures: when the connection is lost or the
 * member goes away (any retryable error), the watch resumes by itself on the next endpoint
 * from the revision after the last one delivered, so the subscriber sees no gap and no
 * duplicate. If that revision has been compacted meanwhile, or the start revision was, the
 * {@code Flux} fails with a {@link RevisionException} ({@link ErrorCode#COMPACTED}, with
 * {@link RevisionException#compactRevision()}); a non-retryable error (a bad request) fails it
 * too. After several resumes in a row that deliver nothing, the last failure is the watch's.
 *
 * <p>Backpressure end to end: the member sends an element only against the client's demand,
 * and the client asks for one element at a time (an element holds up to about 1 MiB of whole
 * revisions), and the next only once the subscriber took every batch of the current one. A
 * subscriber that requests nothing costs the member a cursor, not a buffer: it keeps only its
 * next revision and reads the change log when demand returns. {@code limitRate} and friends
 * work as usual.
 */
public interface WatchClient {
    /** Watches {@code key} from now on. */
    default Flux<WatchBatch> watch(ByteSequence key) {
        return watch(key, WatchOptions.DEFAULTS);
    }

    /** Watches {@code key}, or the range from {@code key} to {@link WatchOptions#rangeEnd()}, as {@code options} say. */
    Flux<WatchBatch> watch(ByteSequence key, WatchOptions options);
}

package io.eddy.client;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

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
 * and the client keeps at most {@code min(4, outstanding demand)} elements asked for and not
 * yet received (an element holds up to about 1 MiB of whole revisions, and at least one batch).
 * So a subscriber with demand keeps the member's watcher fed as revisions are applied, while the
 * client holds at most 4 elements per watch; a subscriber that requests nothing makes the
 * member send nothing and costs it a cursor, not a buffer: it keeps only its next revision and
 * reads the change log when demand returns. {@code limitRate} and friends
 * work as usual.
 */
public interface WatchClient {
    /** Watches {@code key} from now on. */
    default Flux<WatchBatch> watch(ByteSequence key) {
        return watch(key, WatchOptions.DEFAULTS);
    }

    /** Watches {@code key}, or the range from {@code key} to {@link WatchOptions#rangeEnd()}, as {@code options} say. */
    Flux<WatchBatch> watch(ByteSequence key, WatchOptions options);

    /**
     * Lists the range from {@code key} to {@link RangeThenWatchOptions#rangeEnd()} at one
     * revision R, then watches it from R + 1: the "list then watch" of a cache, in one cold
     * {@link Flux} that never ends by itself (cancel it to stop; route {@code kv.rangeThenWatch}).
     *
     * <p>Items: a {@link ListThenWatch.Snapshot} per key as of R, in ascending key order (R pinned
     * as for {@link KvClient#rangeStream}: a linearizable read unless serializable, or
     * {@link RangeThenWatchOptions#revision()}); then one {@link ListThenWatch.SnapshotDone} with
     * R; then a {@link ListThenWatch.Changes} per later revision that changed a key of the range,
     * with the guarantees of {@link #watch}. A map filled from the snapshots and then updated by
     * every change (without filters) is the range as of the latest change's revision: no change
     * after R is missed, none at or before R is repeated.
     *
     * <p>Demand is honoured end to end in both phases: the member reads a chunk of keys (at most
     * 256, about 1 MiB) or sends a watch element only when the client asks for it, and the
     * client asks for the next one only when the subscriber has taken every item of the
     * current one.
     *
     * <p>Resume, on the next endpoint after a lost connection or member (any retryable error):
     * before {@code SnapshotDone} was delivered, the stream continues from the key after the
     * last delivered snapshot key, still at R; after it, the watch continues from the revision
     * after the last delivered change (R + 1 if none). Either way the subscriber sees every key
     * and every change once, in order. If R (or the revision to resume from) has been compacted
     * meanwhile, the {@code Flux} fails with a {@link RevisionException} ({@link ErrorCode#COMPACTED}):
     * the cache must list again. A bad request fails it with an {@link InvalidRequestException}.
     */
    Flux<ListThenWatch> rangeThenWatch(ByteSequence key, RangeThenWatchOptions options);

    /**
     * Asks for one progress notification on every watch of this client that is live now (etcd's
     * {@code RequestProgress}): every subscribed {@link #watch} and {@link #rangeThenWatch} whose
     * member has confirmed it (created, or {@code SnapshotDone} delivered from the member) and
     * that is not cancelled, ended or resuming. Cold: nothing is sent until subscribed, and each
     * subscription asks again. Each member serving such watches gets one request (route
     * {@code watch.progress}) naming them.
     *
     * <p>Each watch asked then receives, on its own {@code Flux}, a progress notification: an
     * empty {@link WatchBatch} ({@link WatchBatch#isProgressNotify()}; a
     * {@link ListThenWatch.Changes} holding one for a list-then-watch) whose revision is at least
     * the member's revision when it took the request, and only once every event of the watch up
     * to that revision has been delivered: a subscriber with undelivered events gets them first,
     * and one without demand gets the notification when demand returns. This holds whether or
     * not the watch asked for periodic notifications ({@link WatchOptions#progressNotify()}).
     * Requests made before a watch's notification leaves give one notification. A watch that ends
     * or resumes on another member before it leaves gets none (ask again after it resumed).
     *
     * <p>The {@code Mono} completes when every member asked has taken its request (not when the
     * notifications arrive), at once when no watch is live. It fails when a member could not be
     * asked within the request timeout (with the first such failure; the other members were still
     * asked); its watches resume elsewhere by themselves.
     */
    Mono<Void> requestProgress();
}

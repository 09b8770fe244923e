package io.eddy.client;

import java.util.Objects;

/**
 * Options of a watch ({@link WatchClient#watch}), immutable: start from {@link #DEFAULTS} (or
 * {@link #prefix} / {@link #fromKey}) and change fields with the {@code with...} methods.
 *
 * @param rangeEnd       end of the watched range, exclusive; empty watches the single key,
 *                       {@link ByteSequence#NUL} every key from the key on
 * @param startRevision  first revision delivered; 0 for "changes after now" (the revision the
 *                       member is at when the watch starts). A revision in the past replays
 *                       history still kept; a compacted one fails the watch with a
 *                       {@link RevisionException}
 * @param prevKv         deliver each event's previous version ({@link WatchEvent#prevKv()})
 * @param noPut          leave out PUT events
 * @param noDelete       leave out DELETE events
 * @param progressNotify receive progress notifications ({@link WatchBatch#isProgressNotify()})
 *                       when the watch is idle for the member's {@code watch.progress-interval}
 */
public record WatchOptions(ByteSequence rangeEnd, long startRevision, boolean prevKv, boolean noPut,
        boolean noDelete, boolean progressNotify) {
    /** The single key, from now on, every event, no previous versions, no progress notifications. */
    public static final WatchOptions DEFAULTS = new WatchOptions(ByteSequence.EMPTY, 0, false, false, false, false);

    /** Checks the fields. */
    public WatchOptions {
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        if (startRevision < 0) {
            throw new IllegalArgumentException("startRevision must not be negative: " + startRevision);
        }
    }

    /** The defaults with a range end covering every key that starts with {@code prefix} (the key passed to the call). */
    public static WatchOptions prefix(ByteSequence prefix) {
        return DEFAULTS.withRangeEnd(prefix.prefixEnd());
    }

    /** The defaults with a range covering every key at or after the key passed to the call. */
    public static WatchOptions fromKey() {
        return DEFAULTS.withRangeEnd(ByteSequence.NUL);
    }

    /** A copy with {@link #rangeEnd()} set. */
    public WatchOptions withRangeEnd(ByteSequence rangeEnd) {
        return new WatchOptions(rangeEnd, startRevision, prevKv, noPut, noDelete, progressNotify);
    }

    /** A copy with {@link #startRevision()} set. */
    public WatchOptions withStartRevision(long startRevision) {
        return new WatchOptions(rangeEnd, startRevision, prevKv, noPut, noDelete, progressNotify);
    }

    /** A copy with {@link #prevKv()} set. */
    public WatchOptions withPrevKv(boolean prevKv) {
        return new WatchOptions(rangeEnd, startRevision, prevKv, noPut, noDelete, progressNotify);
    }

    /** A copy with {@link #noPut()} set. */
    public WatchOptions withNoPut(boolean noPut) {
        return new WatchOptions(rangeEnd, startRevision, prevKv, noPut, noDelete, progressNotify);
    }

    /** A copy with {@link #noDelete()} set. */
    public WatchOptions withNoDelete(boolean noDelete) {
        return new WatchOptions(rangeEnd, startRevision, prevKv, noPut, noDelete, progressNotify);
    }

    /** A copy with {@link #progressNotify()} set. */
    public WatchOptions withProgressNotify(boolean progressNotify) {
        return new WatchOptions(rangeEnd, startRevision, prevKv, noPut, noDelete, progressNotify);
    }
}

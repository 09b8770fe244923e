package io.eddy.client;

import java.util.Objects;

/**
 * Options of a list-then-watch stream ({@link WatchClient#rangeThenWatch}), immutable: start
 * from {@link #DEFAULTS} (or {@link #prefix} / {@link #fromKey}) and change fields with the
 * {@code with...} methods. The range listed and the range watched are the same. There is no
 * limit and no revision filter: the snapshot always holds every key of the range, so that the
 * changes after it keep a copy exact.
 *
 * @param rangeEnd       end of the range, exclusive; empty for the single key,
 *                       {@link ByteSequence#NUL} for every key from the key on
 * @param revision       the snapshot's revision R, 0 for the latest (pinned when the stream
 *                       starts); one in the past must not be compacted
 * @param serializable   pin R to the answering member's revision (may be stale) instead of a
 *                       linearizable read
 * @param keysOnly       list keys without values (the changes still carry values)
 * @param prevKv         deliver each change's previous version ({@link WatchEvent#prevKv()})
 * @param noPut          leave PUT events out of the changes
 * @param noDelete       leave DELETE events out of the changes
 * @param progressNotify receive progress notifications among the changes when idle
 */
public record RangeThenWatchOptions(ByteSequence rangeEnd, long revision, boolean serializable, boolean keysOnly,
        boolean prevKv, boolean noPut, boolean noDelete, boolean progressNotify) {
    /** The single key, latest revision (linearizable), with values, every event, no previous versions. */
    public static final RangeThenWatchOptions DEFAULTS = new RangeThenWatchOptions(ByteSequence.EMPTY, 0, false,
            false, false, false, false, false);

    /** Checks the fields. */
    public RangeThenWatchOptions {
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        if (revision < 0) {
            throw new IllegalArgumentException("revision must not be negative: " + revision);
        }
    }

    /** The defaults with a range end covering every key that starts with {@code prefix} (the key passed to the call). */
    public static RangeThenWatchOptions prefix(ByteSequence prefix) {
        return DEFAULTS.withRangeEnd(prefix.prefixEnd());
    }

    /** The defaults with a range covering every key at or after the key passed to the call. */
    public static RangeThenWatchOptions fromKey() {
        return DEFAULTS.withRangeEnd(ByteSequence.NUL);
    }

    /** A copy with {@link #rangeEnd()} set. */
    public RangeThenWatchOptions withRangeEnd(ByteSequence rangeEnd) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #revision()} set. */
    public RangeThenWatchOptions withRevision(long revision) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #serializable()} set. */
    public RangeThenWatchOptions withSerializable(boolean serializable) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #keysOnly()} set. */
    public RangeThenWatchOptions withKeysOnly(boolean keysOnly) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #prevKv()} set. */
    public RangeThenWatchOptions withPrevKv(boolean prevKv) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #noPut()} set. */
    public RangeThenWatchOptions withNoPut(boolean noPut) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #noDelete()} set. */
    public RangeThenWatchOptions withNoDelete(boolean noDelete) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }

    /** A copy with {@link #progressNotify()} set. */
    public RangeThenWatchOptions withProgressNotify(boolean progressNotify) {
        return new RangeThenWatchOptions(rangeEnd, revision, serializable, keysOnly, prevKv, noPut, noDelete,
                progressNotify);
    }
}

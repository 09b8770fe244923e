package io.eddy.client;

import java.util.Objects;

/**
 * Options of a streamed range ({@link KvClient#rangeStream}), immutable: start from
 * {@link #DEFAULTS} (or {@link #prefix} / {@link #fromKey}) and change fields with the
 * {@code with...} methods. A streamed range is always in ascending key order and has no
 * count: use {@link KvClient#get} with {@link GetOptions} for sorts and counts.
 *
 * @param rangeEnd     end of the range, exclusive; empty streams the single key,
 *                     {@link ByteSequence#NUL} streams to the end of the key space
 * @param limit        the most keys to stream, 0 for no limit
 * @param revision     the revision to read at, 0 for the latest (pinned when the stream starts)
 * @param serializable read the answering member's local state (may be stale) instead of
 *                     pinning the revision with a linearizable read
 * @param keysOnly     stream keys without values
 */
public record RangeStreamOptions(ByteSequence rangeEnd, long limit, long revision, boolean serializable,
        boolean keysOnly) {
    /** A linearizable stream of the single key at the latest revision. */
    public static final RangeStreamOptions DEFAULTS = new RangeStreamOptions(ByteSequence.EMPTY, 0, 0, false, false);

    /** Checks the fields. */
    public RangeStreamOptions {
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        if (limit < 0 || revision < 0) {
            throw new IllegalArgumentException("limit and revision must not be negative");
        }
    }

    /** The defaults with a range end covering every key that starts with {@code prefix} (the key passed to the call). */
    public static RangeStreamOptions prefix(ByteSequence prefix) {
        return DEFAULTS.withRangeEnd(prefix.prefixEnd());
    }

    /** The defaults with a range covering every key at or after the key passed to the call. */
    public static RangeStreamOptions fromKey() {
        return DEFAULTS.withRangeEnd(ByteSequence.NUL);
    }

    /** A copy with {@link #rangeEnd()} set. */
    public RangeStreamOptions withRangeEnd(ByteSequence rangeEnd) {
        return new RangeStreamOptions(rangeEnd, limit, revision, serializable, keysOnly);
    }

    /** A copy with {@link #limit()} set. */
    public RangeStreamOptions withLimit(long limit) {
        return new RangeStreamOptions(rangeEnd, limit, revision, serializable, keysOnly);
    }

    /** A copy with {@link #revision()} set. */
    public RangeStreamOptions withRevision(long revision) {
        return new RangeStreamOptions(rangeEnd, limit, revision, serializable, keysOnly);
    }

    /** A copy with {@link #serializable()} set. */
    public RangeStreamOptions withSerializable(boolean serializable) {
        return new RangeStreamOptions(rangeEnd, limit, revision, serializable, keysOnly);
    }

    /** A copy with {@link #keysOnly()} set. */
    public RangeStreamOptions withKeysOnly(boolean keysOnly) {
        return new RangeStreamOptions(rangeEnd, limit, revision, serializable, keysOnly);
    }
}

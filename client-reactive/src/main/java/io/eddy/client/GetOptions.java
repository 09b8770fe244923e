package io.eddy.client;

import java.util.Objects;

/**
 * Options of a get, immutable: start from {@link #DEFAULTS} (or {@link #prefix}) and change
 * fields with the {@code with...} methods.
 *
 * @param rangeEnd     end of the range, exclusive; empty reads the single key,
 *                     {@link ByteSequence#NUL} reads to the end of the key space
 * @param limit        the most keys to return, 0 for no limit
 * @param revision     the revision to read at, 0 for the latest
 * @param serializable read the answering member's local state (may be stale) instead of a
 *                     linearizable read
 * @param keysOnly     return keys without values
 * @param countOnly    return only the count of matching keys
 */
public record GetOptions(ByteSequence rangeEnd, long limit, long revision, boolean serializable, boolean keysOnly,
        boolean countOnly) {
    /** A linearizable read of the single key at the latest revision. */
    public static final GetOptions DEFAULTS = new GetOptions(ByteSequence.EMPTY, 0, 0, false, false, false);

    /** Checks the fields. */
    public GetOptions {
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        if (limit < 0 || revision < 0) {
            throw new IllegalArgumentException("limit and revision must not be negative");
        }
    }

    /** The defaults with a range end covering every key that starts with {@code prefix} (the key passed to get). */
    public static GetOptions prefix(ByteSequence prefix) {
        return DEFAULTS.withRangeEnd(prefix.prefixEnd());
    }

    /** A copy with {@link #rangeEnd()} set. */
    public GetOptions withRangeEnd(ByteSequence rangeEnd) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /** A copy with {@link #limit()} set. */
    public GetOptions withLimit(long limit) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /** A copy with {@link #revision()} set. */
    public GetOptions withRevision(long revision) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /** A copy with {@link #serializable()} set. */
    public GetOptions withSerializable(boolean serializable) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /** A copy with {@link #keysOnly()} set. */
    public GetOptions withKeysOnly(boolean keysOnly) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }

    /** A copy with {@link #countOnly()} set. */
    public GetOptions withCountOnly(boolean countOnly) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly);
    }
}

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
 * @param sortTarget   the field the keys are sorted by ({@link SortTarget#KEY} by default)
 * @param sortOrder    the order of the sort; {@link SortOrder#NONE} is ascending key order, or
 *                     ascending by {@code sortTarget} when that is not {@link SortTarget#KEY}
 *                     (etcd's rule). A sort other than by key sorts the whole range before the
 *                     limit cuts it
 */
public record GetOptions(ByteSequence rangeEnd, long limit, long revision, boolean serializable, boolean keysOnly,
        boolean countOnly, SortTarget sortTarget, SortOrder sortOrder) {
    /** A linearizable read of the single key at the latest revision. */
    public static final GetOptions DEFAULTS = new GetOptions(ByteSequence.EMPTY, 0, 0, false, false, false);

    /** The field a get sorts its keys by. */
    public enum SortTarget { KEY, VERSION, CREATE_REVISION, MOD_REVISION, VALUE }

    /** The order of a get's sort. */
    public enum SortOrder { NONE, ASCEND, DESCEND }

    /** Checks the fields. */
    public GetOptions {
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        Objects.requireNonNull(sortTarget, "sortTarget");
        Objects.requireNonNull(sortOrder, "sortOrder");
        if (limit < 0 || revision < 0) {
            throw new IllegalArgumentException("limit and revision must not be negative");
        }
    }

    /** Options without a sort (ascending key order). */
    public GetOptions(ByteSequence rangeEnd, long limit, long revision, boolean serializable, boolean keysOnly,
            boolean countOnly) {
        this(rangeEnd, limit, revision, serializable, keysOnly, countOnly, SortTarget.KEY, SortOrder.NONE);
    }

    /** The defaults with a range end covering every key that starts with {@code prefix} (the key passed to get). */
    public static GetOptions prefix(ByteSequence prefix) {
        return DEFAULTS.withRangeEnd(prefix.prefixEnd());
    }

    /** A copy with {@link #rangeEnd()} set. */
    public GetOptions withRangeEnd(ByteSequence rangeEnd) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, sortTarget, sortOrder);
    }

    /** A copy with {@link #limit()} set. */
    public GetOptions withLimit(long limit) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, sortTarget, sortOrder);
    }

    /** A copy with {@link #revision()} set. */
    public GetOptions withRevision(long revision) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, sortTarget, sortOrder);
    }

    /** A copy with {@link #serializable()} set. */
    public GetOptions withSerializable(boolean serializable) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, sortTarget, sortOrder);
    }

    /** A copy with {@link #keysOnly()} set. */
    public GetOptions withKeysOnly(boolean keysOnly) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, sortTarget, sortOrder);
    }

    /** A copy with {@link #countOnly()} set. */
    public GetOptions withCountOnly(boolean countOnly) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, sortTarget, sortOrder);
    }

    /** A copy sorted by {@code target} in {@code order}. */
    public GetOptions withSort(SortTarget target, SortOrder order) {
        return new GetOptions(rangeEnd, limit, revision, serializable, keysOnly, countOnly, target, order);
    }
}

package io.eddy.client;

import java.util.Objects;

/**
 * Options of a delete, immutable: start from {@link #DEFAULTS} (or {@link #prefix}) and change
 * fields with the {@code with...} methods.
 *
 * @param rangeEnd end of the range, exclusive; empty deletes the single key,
 *                 {@link ByteSequence#NUL} deletes to the end of the key space
 * @param prevKv   return the deleted keys with their values in {@link DeleteResult#prevKvs()}
 */
public record DeleteOptions(ByteSequence rangeEnd, boolean prevKv) {
    /** Deletes the single key, without previous values. */
    public static final DeleteOptions DEFAULTS = new DeleteOptions(ByteSequence.EMPTY, false);

    /** Checks the fields. */
    public DeleteOptions {
        Objects.requireNonNull(rangeEnd, "rangeEnd");
    }

    /** The defaults with a range end covering every key that starts with {@code prefix} (the key passed to delete). */
    public static DeleteOptions prefix(ByteSequence prefix) {
        return DEFAULTS.withRangeEnd(prefix.prefixEnd());
    }

    /** A copy with {@link #rangeEnd()} set. */
    public DeleteOptions withRangeEnd(ByteSequence rangeEnd) {
        return new DeleteOptions(rangeEnd, prevKv);
    }

    /** A copy with {@link #prevKv()} set. */
    public DeleteOptions withPrevKv(boolean prevKv) {
        return new DeleteOptions(rangeEnd, prevKv);
    }
}

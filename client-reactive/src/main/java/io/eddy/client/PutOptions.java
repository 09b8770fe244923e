package io.eddy.client;

/**
 * Options of a put, immutable: start from {@link #DEFAULTS} and change fields with the
 * {@code with...} methods.
 *
 * @param lease  the lease to attach the key to, 0 for none
 * @param prevKv return the key's previous value in {@link PutResult#prevKv()}
 * @param ignoreValue keep the key's current value (the key must exist and the value given must
 *                    be empty, else {@link ErrorCode#KEY_NOT_FOUND} / {@link ErrorCode#VALUE_PROVIDED})
 * @param ignoreLease keep the key's current lease (the key must exist and {@code lease} must be 0,
 *                    else {@link ErrorCode#KEY_NOT_FOUND} / {@link ErrorCode#LEASE_PROVIDED})
 */
public record PutOptions(long lease, boolean prevKv, boolean ignoreValue, boolean ignoreLease) {
    /** No lease, no previous value. */
    public static final PutOptions DEFAULTS = new PutOptions(0, false);

    /** Options that set both value and lease. */
    public PutOptions(long lease, boolean prevKv) {
        this(lease, prevKv, false, false);
    }

    /** A copy with {@link #lease()} set. */
    public PutOptions withLease(long lease) {
        return new PutOptions(lease, prevKv, ignoreValue, ignoreLease);
    }

    /** A copy with {@link #prevKv()} set. */
    public PutOptions withPrevKv(boolean prevKv) {
        return new PutOptions(lease, prevKv, ignoreValue, ignoreLease);
    }

    /** A copy with {@link #ignoreValue()} set. */
    public PutOptions withIgnoreValue(boolean ignoreValue) {
        return new PutOptions(lease, prevKv, ignoreValue, ignoreLease);
    }

    /** A copy with {@link #ignoreLease()} set. */
    public PutOptions withIgnoreLease(boolean ignoreLease) {
        return new PutOptions(lease, prevKv, ignoreValue, ignoreLease);
    }
}

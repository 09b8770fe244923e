package io.eddy.client;

/**
 * Options of a put, immutable: start from {@link #DEFAULTS} and change fields with the
 * {@code with...} methods.
 *
 * @param lease  the lease to attach the key to, 0 for none
 * @param prevKv return the key's previous value in {@link PutResult#prevKv()}
 */
public record PutOptions(long lease, boolean prevKv) {
    /** No lease, no previous value. */
    public static final PutOptions DEFAULTS = new PutOptions(0, false);

    /** A copy with {@link #lease()} set. */
    public PutOptions withLease(long lease) {
        return new PutOptions(lease, prevKv);
    }

    /** A copy with {@link #prevKv()} set. */
    public PutOptions withPrevKv(boolean prevKv) {
        return new PutOptions(lease, prevKv);
    }
}

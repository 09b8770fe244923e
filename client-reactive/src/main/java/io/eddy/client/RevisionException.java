package io.eddy.client;

/**
 * The revision asked for is no longer kept ({@link ErrorCode#COMPACTED}; read from
 * {@link #compactRevision()} or later) or does not exist yet ({@link ErrorCode#FUTURE_REVISION}).
 * Nothing was changed; retrying the same request gives the same answer.
 */
public final class RevisionException extends EddyClientException {
    private static final long serialVersionUID = 1L;

    private final long compactRevision;
    private final long currentRevision;

    /**
     * A revision failure: {@code code} is COMPACTED or FUTURE_REVISION; the member's compact and
     * current revisions as it reported them (0 when unknown).
     */
    public RevisionException(ErrorCode code, String message, long compactRevision, long currentRevision) {
        super(code, message, null);
        this.compactRevision = compactRevision;
        this.currentRevision = currentRevision;
    }

    /** For {@link ErrorCode#COMPACTED}: the oldest revision still readable. */
    public long compactRevision() {
        return compactRevision;
    }

    /** For {@link ErrorCode#FUTURE_REVISION}: the member's current revision. */
    public long currentRevision() {
        return currentRevision;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public boolean isMaybeCommitted() {
        return false;
    }
}

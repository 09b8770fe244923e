package io.eddy.client;

/**
 * The server failed: a bug or an I/O failure ({@link ErrorCode#INTERNAL}), corrupt data
 * ({@link ErrorCode#CORRUPT}), a full store ({@link ErrorCode#NO_SPACE}), authentication
 * ({@link ErrorCode#UNAUTHENTICATED}, {@link ErrorCode#PERMISSION_DENIED}) or a code this
 * client does not know. Not retryable as is.
 */
public final class ServerException extends EddyClientException {
    private static final long serialVersionUID = 1L;

    private final boolean maybeApplied;

    /** A server failure; whether a write may have been applied follows from {@code code}. */
    public ServerException(ErrorCode code, String message) {
        this(code, message, false);
    }

    /** A server failure of a write that may have been applied whatever the code says. */
    public ServerException(ErrorCode code, String message, boolean maybeApplied) {
        super(code, message, null);
        this.maybeApplied = maybeApplied;
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public boolean isMaybeCommitted() {
        return maybeApplied || code() == ErrorCode.INTERNAL || code() == ErrorCode.UNKNOWN;
    }
}

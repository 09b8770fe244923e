package io.eddy.client;

/**
 * The server failed: a bug or an I/O failure ({@link ErrorCode#INTERNAL}), corrupt data
 * ({@link ErrorCode#CORRUPT}), a full store ({@link ErrorCode#NO_SPACE}), authentication
 * ({@link ErrorCode#UNAUTHENTICATED}, {@link ErrorCode#PERMISSION_DENIED}) or a code this
 * client does not know. Not retryable as is.
 */
public final class ServerException extends EddyClientException {
    private static final long serialVersionUID = 1L;

    public ServerException(ErrorCode code, String message) {
        super(code, message, null);
    }

    @Override
    public boolean isRetryable() {
        return false;
    }

    @Override
    public boolean isMaybeCommitted() {
        return code() == ErrorCode.INTERNAL || code() == ErrorCode.UNKNOWN;
    }
}

package io.eddy.client;

/**
 * No answer within the time limit (the client's or the cluster's). A write may have been
 * applied: retry it only with its request id, which makes the retry return the first result.
 */
public final class RequestTimeoutException extends EddyClientException {
    private static final long serialVersionUID = 1L;

    /** A time-out; {@code cause} is the underlying timer or server failure, or null. */
    public RequestTimeoutException(String message, Throwable cause) {
        super(ErrorCode.TIMEOUT, message, cause);
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    public boolean isMaybeCommitted() {
        return true;
    }
}

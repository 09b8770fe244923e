package io.eddy.client;

/**
 * Every failure the client reports. The subclasses tell what a caller can do:
 * <ul>
 *   <li>{@link InvalidRequestException}: the request is wrong; do not retry.</li>
 *   <li>{@link RevisionException}: the revision asked for is compacted or in the future.</li>
 *   <li>{@link UnavailableException}: the cluster could not serve it now; retry.</li>
 *   <li>{@link RequestTimeoutException}: no answer in time; a write may have been applied.</li>
 *   <li>{@link ServerException}: the server failed (a bug, corruption, a full disk).</li>
 * </ul>
 * {@link #isMaybeCommitted()} concerns writes: true when the write may have been applied
 * although it failed, so a blind retry (one without its request id) could apply it twice.
 */
public abstract sealed class EddyClientException extends RuntimeException
        permits InvalidRequestException, RevisionException, UnavailableException, RequestTimeoutException,
        ServerException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    EddyClientException(ErrorCode code, String message, Throwable cause) {
        super(code + ": " + message, cause);
        this.code = code;
    }

    /** The stable code of the failure (the server's catalogue, or a client-side one such as CONNECTION_LOST). */
    public ErrorCode code() {
        return code;
    }

    /** True when the same request may succeed if sent again. */
    public abstract boolean isRetryable();

    /** True when a failed write may nevertheless have been applied. */
    public abstract boolean isMaybeCommitted();
}

package io.eddy.client;

/** The request is malformed or breaks a limit or a rule; it changed nothing. Never retryable. */
public final class InvalidRequestException extends EddyClientException {
    private static final long serialVersionUID = 1L;

    /** An invalid-request failure with {@code code} (the rule broken) and a one-line message. */
    public InvalidRequestException(ErrorCode code, String message) {
        super(code, message, null);
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

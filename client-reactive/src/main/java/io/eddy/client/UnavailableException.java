package io.eddy.client;

/**
 * The cluster could not take the request now: no leader, not the leader, too many requests,
 * a member stopping, or a lost connection. Retryable. A write refused before it reached the
 * log ({@link ErrorCode#NO_LEADER}, {@link ErrorCode#NOT_LEADER},
 * {@link ErrorCode#TOO_MANY_REQUESTS}) was not applied, unless the member says it had already
 * handed it to Raft or an earlier attempt of the same call may have been applied; after a lost
 * connection or {@link ErrorCode#UNAVAILABLE} it may have been. {@link #isMaybeCommitted()}
 * accounts for all of this.
 * {@link ErrorCode#LEARNER_NOT_READY}: a learner cannot be promoted yet (nothing changed); retry
 * once it has caught up.
 */
public final class UnavailableException extends EddyClientException {
    private static final long serialVersionUID = 1L;

    private final String leaderHint;
    private final boolean maybeApplied;

    /** An unavailable failure; whether a write may have been applied follows from {@code code}. */
    public UnavailableException(ErrorCode code, String message, String leaderHint, Throwable cause) {
        this(code, message, leaderHint, cause, false);
    }

    /**
     * An unavailable failure of a write that may have been applied whatever the code says
     * ({@code maybeApplied}: the member had handed it to Raft, or an earlier attempt of the same
     * call may have been applied).
     */
    public UnavailableException(ErrorCode code, String message, String leaderHint, Throwable cause,
            boolean maybeApplied) {
        super(code, message, cause);
        this.leaderHint = leaderHint == null ? "" : leaderHint;
        this.maybeApplied = maybeApplied;
    }

    /** For {@link ErrorCode#NOT_LEADER}: the leader, when the member knew it; else empty. */
    public String leaderHint() {
        return leaderHint;
    }

    @Override
    public boolean isRetryable() {
        return true;
    }

    @Override
    public boolean isMaybeCommitted() {
        return maybeApplied || code() == ErrorCode.UNAVAILABLE || code() == ErrorCode.CONNECTION_LOST;
    }
}

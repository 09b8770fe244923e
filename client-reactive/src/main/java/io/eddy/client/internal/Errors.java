package io.eddy.client.internal;

import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.InvalidRequestException;
import io.eddy.client.RequestTimeoutException;
import io.eddy.client.RevisionException;
import io.eddy.client.ServerException;
import io.eddy.client.UnavailableException;
import io.eddy.protocol.Error;

/** Maps the protocol's error catalogue to the client's exceptions. */
public final class Errors {

    private Errors() {
    }

    /** The client's name for a wire code; {@link ErrorCode#UNKNOWN} for a code it does not know. */
    public static ErrorCode code(io.eddy.protocol.ErrorCode wire) {
        if (wire == io.eddy.protocol.ErrorCode.UNRECOGNIZED || wire == io.eddy.protocol.ErrorCode.ERROR_CODE_UNSPECIFIED) {
            return ErrorCode.UNKNOWN;
        }
        try {
            return ErrorCode.valueOf(wire.name());
        } catch (IllegalArgumentException e) {
            return ErrorCode.UNKNOWN;
        }
    }

    /** The exception for an error payload received from a member. */
    public static EddyClientException fromWire(Error error) {
        ErrorCode code = code(error.getCode());
        String message = error.getMessage();
        return switch (code) {
            case COMPACTED, FUTURE_REVISION ->
                    new RevisionException(code, message, error.getCompactRevision(), error.getCurrentRevision());
            case NO_LEADER, NOT_LEADER, UNAVAILABLE, TOO_MANY_REQUESTS, CONNECTION_LOST, LEARNER_NOT_READY ->
                    new UnavailableException(code, message, error.getLeaderHint(), null, error.getMaybeApplied());
            case TIMEOUT -> new RequestTimeoutException(message, null);
            case INTERNAL, CORRUPT, NO_SPACE, UNAUTHENTICATED, PERMISSION_DENIED, UNKNOWN ->
                    new ServerException(code, message, error.getMaybeApplied());
            default -> new InvalidRequestException(code, message);
        };
    }

    /**
     * {@code last}, the failure of a write's last attempt, as the failure of the whole call when
     * an earlier attempt may have been applied: {@link EddyClientException#isMaybeCommitted()}
     * must then say so even if the last attempt was refused before reaching the log.
     */
    public static EddyClientException afterMaybeApplied(EddyClientException last) {
        if (last.isMaybeCommitted()) {
            return last;
        }
        String message = "an earlier attempt may have been applied; last attempt: " + last.getMessage();
        if (last instanceof UnavailableException e) {
            return new UnavailableException(e.code(), message, e.leaderHint(), e, true);
        }
        if (last instanceof ServerException e) {
            ServerException wrapped = new ServerException(e.code(), message, true);
            wrapped.initCause(e);
            return wrapped;
        }
        // Invalid requests and revision errors are deterministic: with the request id the
        // retry got the first attempt's answer, so the write was not applied.
        return last;
    }
}

package io.eddy.server.errors;

import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;

/**
 * A failure with a stable code from the error catalogue. Thrown for user errors (bad
 * requests, compacted or future revisions) before any state changes.
 */
public final class EddyException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Error error;

    public EddyException(Error error) {
        super(error.getCode() + ": " + error.getMessage(), null, false, false);
        this.error = error;
    }

    public static EddyException of(ErrorCode code, String message) {
        return new EddyException(Error.newBuilder().setCode(code).setMessage(message).build());
    }

    public static EddyException compacted(long requested, long compactRevision) {
        return new EddyException(Error.newBuilder()
                .setCode(ErrorCode.COMPACTED)
                .setMessage("required revision " + requested + " has been compacted; compact revision is "
                        + compactRevision)
                .setCompactRevision(compactRevision)
                .build());
    }

    public static EddyException futureRevision(long requested, long currentRevision) {
        return new EddyException(Error.newBuilder()
                .setCode(ErrorCode.FUTURE_REVISION)
                .setMessage("required revision " + requested + " is a future revision; current revision is "
                        + currentRevision)
                .setCurrentRevision(currentRevision)
                .build());
    }

    public ErrorCode code() {
        return error.getCode();
    }

    /** The wire form of this failure. */
    public Error error() {
        return error;
    }
}

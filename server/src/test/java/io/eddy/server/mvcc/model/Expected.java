package io.eddy.server.mvcc.model;

import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import java.util.EnumSet;
import java.util.Set;

/**
 * What the {@link ReferenceModel} expects from one request: a result, or an error whose code
 * is one of {@code errors}, or (where etcd semantics leave the choice open) either.
 *
 * <p>Several codes are accepted when a request is wrong in several ways at once: the order in
 * which a store checks its inputs is not specified. For COMPACTED the error must carry the
 * store's compact revision, for FUTURE_REVISION its current revision.
 *
 * @param value           the expected result, or null when only an error is acceptable
 * @param errors          acceptable error codes (empty when only {@code value} is acceptable)
 * @param compactRevision the compact revision when the request was made
 * @param currentRevision the current revision when the request was made
 */
record Expected<T>(T value, Set<ErrorCode> errors, long compactRevision, long currentRevision) {

    Expected {
        errors = errors.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(errors));
        if (value == null && errors.isEmpty()) {
            throw new IllegalArgumentException("nothing is acceptable");
        }
    }

    static <T> Expected<T> ok(T value) {
        return new Expected<>(value, Set.of(), 0, 0);
    }

    static <T> Expected<T> error(Set<ErrorCode> errors, long compactRevision, long currentRevision) {
        return new Expected<>(null, errors, compactRevision, currentRevision);
    }

    /** The result is acceptable, and so is an error with one of these codes. */
    static <T> Expected<T> either(T value, Set<ErrorCode> errors, long compactRevision, long currentRevision) {
        return new Expected<>(value, errors, compactRevision, currentRevision);
    }

    boolean isError() {
        return value == null;
    }

    /** Returns a description of what is wrong with {@code actual}, or null when it is acceptable. */
    String checkError(Error actual) {
        if (!errors.contains(actual.getCode())) {
            return "unexpected error " + actual.getCode() + " (" + actual.getMessage() + "); expected "
                    + (value == null ? "one of " + errors : "result " + value + (errors.isEmpty() ? "" : " or " + errors));
        }
        if (actual.getCode() == ErrorCode.COMPACTED && actual.getCompactRevision() != compactRevision) {
            return "COMPACTED error carries compact_revision " + actual.getCompactRevision() + ", expected "
                    + compactRevision;
        }
        if (actual.getCode() == ErrorCode.FUTURE_REVISION && actual.getCurrentRevision() != currentRevision) {
            return "FUTURE_REVISION error carries current_revision " + actual.getCurrentRevision()
                    + ", expected " + currentRevision;
        }
        return null;
    }

    @Override
    public String toString() {
        return value == null ? "error " + errors : errors.isEmpty() ? String.valueOf(value) : value + " or " + errors;
    }
}

package io.eddy.server.api;

import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
import io.rsocket.RSocketErrorException;
import io.rsocket.exceptions.CustomRSocketException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns failures of a request into the RSocket errors a client sees (see the package documentation). */
final class ApiErrors {
    private static final Logger LOG = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    /** The RSocket error for a catalogue {@link Error}. */
    static CustomRSocketException toRSocket(Error error) {
        Error sent = error.getCodeValue() >= ErrorCodec.MIN_CUSTOM_CODE ? error
                : error.toBuilder().setCode(ErrorCode.INTERNAL).build();
        return new CustomRSocketException(ErrorCodec.rsocketCode(sent), ErrorCodec.encode(sent));
    }

    /** The RSocket error for {@code code} and a one-line message. */
    static CustomRSocketException toRSocket(ErrorCode code, String message) {
        return toRSocket(Error.newBuilder().setCode(code).setMessage(message).build());
    }

    /**
     * The RSocket error for any failure: RSocket errors pass through, an {@link EddyException}
     * (possibly wrapped by a future) keeps its {@link Error}, anything else is INTERNAL.
     */
    static RSocketErrorException toRSocket(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof RSocketErrorException rsocket) {
            return rsocket;
        }
        if (cause instanceof EddyException eddy) {
            return toRSocket(eddy.error());
        }
        LOG.warn("request failed unexpectedly", cause);
        return toRSocket(ErrorCode.INTERNAL, "internal error: " + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
    }
}

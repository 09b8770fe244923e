package io.eddy.client.internal;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.RequestTimeoutException;
import io.eddy.client.ServerException;
import io.eddy.client.UnavailableException;
import io.eddy.protocol.Error;
import io.rsocket.RSocketErrorException;
import io.rsocket.exceptions.ConnectionCloseException;
import io.rsocket.exceptions.ConnectionErrorException;
import io.rsocket.exceptions.CustomRSocketException;
import java.io.IOException;
import java.util.Base64;
import java.util.concurrent.TimeoutException;

/**
 * Turns what the transport fails with into the client's exceptions: a member's application
 * error (code and the two-line message of the server's {@code ErrorCodec}) becomes the
 * exception of its decoded {@link Error}; a lost or refused connection becomes
 * {@link ErrorCode#CONNECTION_LOST}.
 */
public final class WireErrors {
    /** Prefix of the message line that holds the Base64 of the serialized {@link Error}. */
    static final String MARKER = "eddy-error-v1:";

    private WireErrors() {
    }

    /** Reads back an error sent as {@code (code, message)}; the plain code and message when it is not encoded. */
    public static Error decode(int code, String message) {
        String text = message == null ? "" : message;
        int at = text.lastIndexOf(MARKER);
        if (at == 0 || (at > 0 && text.charAt(at - 1) == '\n')) {
            try {
                return Error.parseFrom(Base64.getDecoder().decode(text.substring(at + MARKER.length()).strip()));
            } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
                // Not the encoded form after all: fall through to the plain form.
            }
        }
        return Error.newBuilder().setCodeValue(code).setMessage(text).build();
    }

    /** The client exception for {@code failure}. */
    public static EddyClientException map(Throwable failure) {
        if (failure instanceof EddyClientException e) {
            return e;
        }
        if (failure instanceof CustomRSocketException e) {
            return Errors.fromWire(decode(e.errorCode(), e.getMessage()));
        }
        if (failure instanceof TimeoutException) {
            return new RequestTimeoutException("no answer in time", failure);
        }
        if (isConnectionFailure(failure)) {
            return new UnavailableException(ErrorCode.CONNECTION_LOST, String.valueOf(failure.getMessage()), null,
                    failure);
        }
        if (failure instanceof RSocketErrorException e) {
            return new ServerException(ErrorCode.UNKNOWN, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        return new ServerException(ErrorCode.INTERNAL, failure.getClass().getName() + ": " + failure.getMessage());
    }

    private static boolean isConnectionFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof IOException || t instanceof ConnectionCloseException
                    || t instanceof ConnectionErrorException
                    || t.getClass().getName().startsWith("reactor.netty.channel.AbortedException")
                    || t.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
        }
        return false;
    }
}

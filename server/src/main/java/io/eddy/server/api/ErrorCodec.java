package io.eddy.server.api;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import java.util.Base64;

/**
 * The text form of an {@link Error} carried as the message of an RSocket application error
 * (see the package documentation): a human line {@code CODE: message}, a newline, then
 * {@value #MARKER} followed by the Base64 of the serialized {@link Error}.
 *
 * <p>Depends only on protobuf and the JDK, so the client can share it.
 */
public final class ErrorCodec {
    /** Prefix of the line that holds the Base64 of the serialized {@link Error}. */
    public static final String MARKER = "eddy-error-v1:";

    /** The lowest code RSocket allows for application-defined errors. */
    static final int MIN_CUSTOM_CODE = 0x301;

    private ErrorCodec() {
    }

    /**
     * The RSocket error code for {@code error}: its {@link ErrorCode} number, or
     * {@link ErrorCode#INTERNAL} when that number is outside RSocket's custom range.
     */
    public static int rsocketCode(Error error) {
        int code = error.getCodeValue();
        return code >= MIN_CUSTOM_CODE ? code : ErrorCode.INTERNAL_VALUE;
    }

    /** The message text for {@code error}: a human line and the encoded {@link Error}. */
    public static String encode(Error error) {
        String human = error.getCode().name() + ": " + error.getMessage();
        return human.replace('\r', ' ').replace('\n', ' ') + "\n" + MARKER
                + Base64.getEncoder().encodeToString(error.toByteArray());
    }

    /**
     * Reads back an error sent as {@code (code, message)}. When the message has no valid
     * encoded line, returns an {@link Error} with {@code code} and the whole message.
     */
    public static Error decode(int code, String message) {
        String text = message == null ? "" : message;
        int at = text.lastIndexOf(MARKER);
        if (at == 0 || (at > 0 && text.charAt(at - 1) == '\n')) {
            try {
                byte[] bytes = Base64.getDecoder().decode(text.substring(at + MARKER.length()).strip());
                return Error.parseFrom(bytes);
            } catch (IllegalArgumentException | InvalidProtocolBufferException e) {
                // Not our format after all: fall through to the plain form.
            }
        }
        return Error.newBuilder().setCodeValue(code).setMessage(text).build();
    }
}

package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.Error;
import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
import io.rsocket.exceptions.CustomRSocketException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** The text form of errors, and the mapping of failures to RSocket errors. */
class ErrorCodecTest {
    @Test
    void roundTripsEveryField() {
        Error error = Error.newBuilder().setCode(ErrorCode.NOT_LEADER).setMessage("not the leader\nreally")
                .setCompactRevision(7).setCurrentRevision(9).setLeaderHint("10.0.0.1:2379").build();
        String text = ErrorCodec.encode(error);

        assertThat(text.lines()).hasSize(2);
        assertThat(text.lines().findFirst()).hasValue("NOT_LEADER: not the leader really");
        assertThat(text.lines().skip(1).findFirst().orElseThrow()).startsWith(ErrorCodec.MARKER);
        assertThat(ErrorCodec.decode(ErrorCode.NOT_LEADER_VALUE, text)).isEqualTo(error);
        assertThat(ErrorCodec.rsocketCode(error)).isEqualTo(0x341);
    }

    @Test
    void aMessageWithoutTheEncodedLineKeepsCodeAndText() {
        assertThat(ErrorCodec.decode(0x320, "COMPACTED: something"))
                .isEqualTo(Error.newBuilder().setCode(ErrorCode.COMPACTED).setMessage("COMPACTED: something").build());
        assertThat(ErrorCodec.decode(0x320, "x\n" + ErrorCodec.MARKER + "%%% not base64").getMessage())
                .isEqualTo("x\n" + ErrorCodec.MARKER + "%%% not base64");
        assertThat(ErrorCodec.decode(0x999, null).getCodeValue()).isEqualTo(0x999);
    }

    @Test
    void failuresBecomeCustomRSocketErrors() {
        EddyException noLeader = EddyException.of(ErrorCode.NO_LEADER, "no leader");
        CustomRSocketException mapped = (CustomRSocketException) ApiErrors.toRSocket(new CompletionException(noLeader));
        assertThat(mapped.errorCode()).isEqualTo(ErrorCode.NO_LEADER_VALUE);
        assertThat(ErrorCodec.decode(mapped.errorCode(), mapped.getMessage())).isEqualTo(noLeader.error());

        CustomRSocketException bug = (CustomRSocketException) ApiErrors.toRSocket(new IllegalStateException("boom"));
        assertThat(bug.errorCode()).isEqualTo(ErrorCode.INTERNAL_VALUE);
        assertThat(bug.getMessage()).startsWith("INTERNAL: internal error: IllegalStateException: boom");

        CustomRSocketException unspecified = ApiErrors.toRSocket(Error.newBuilder().setMessage("?").build());
        assertThat(unspecified.errorCode()).isEqualTo(ErrorCode.INTERNAL_VALUE);
    }
}

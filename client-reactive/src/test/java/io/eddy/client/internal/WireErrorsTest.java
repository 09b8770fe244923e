package io.eddy.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.ErrorCode;
import io.eddy.client.RevisionException;
import io.eddy.client.UnavailableException;
import io.eddy.protocol.Error;
import io.eddy.server.api.ErrorCodec;
import io.rsocket.exceptions.CustomRSocketException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** The client's decoder agrees with the server's encoder; transport failures map to CONNECTION_LOST. */
class WireErrorsTest {
    @Test
    void decodesWhatTheServerEncodes() {
        Error error = Error.newBuilder().setCode(io.eddy.protocol.ErrorCode.COMPACTED).setMessage("gone\nreally")
                .setCompactRevision(5).setCurrentRevision(9).build();
        assertThat(WireErrors.decode(ErrorCodec.rsocketCode(error), ErrorCodec.encode(error))).isEqualTo(error);

        var mapped = WireErrors.map(new CustomRSocketException(ErrorCodec.rsocketCode(error), ErrorCodec.encode(error)));
        assertThat(mapped).isInstanceOf(RevisionException.class);
        assertThat(((RevisionException) mapped).compactRevision()).isEqualTo(5);
    }

    @Test
    void plainMessageFallsBackToCodeAndText() {
        Error decoded = WireErrors.decode(0x343, "stopping");
        assertThat(decoded.getCode()).isEqualTo(io.eddy.protocol.ErrorCode.UNAVAILABLE);
        assertThat(decoded.getMessage()).isEqualTo("stopping");
    }

    @Test
    void transportFailuresAreConnectionLost() {
        assertThat(WireErrors.map(new ClosedChannelException())).isInstanceOfSatisfying(UnavailableException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST));
        assertThat(WireErrors.map(new IllegalStateException("x", new ConnectException("refused"))))
                .isInstanceOfSatisfying(UnavailableException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.CONNECTION_LOST));
    }
}

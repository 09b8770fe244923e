package io.eddy.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.InvalidRequestException;
import io.eddy.client.RequestTimeoutException;
import io.eddy.client.RevisionException;
import io.eddy.client.UnavailableException;
import io.eddy.protocol.Error;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The client knows every code of the protocol's catalogue and classifies each one. */
class ErrorsTest {

    @Test
    void everyWireCodeHasAClientCode() {
        Arrays.stream(io.eddy.protocol.ErrorCode.values())
                .filter(code -> code != io.eddy.protocol.ErrorCode.UNRECOGNIZED
                        && code != io.eddy.protocol.ErrorCode.ERROR_CODE_UNSPECIFIED)
                .forEach(code -> assertThat(Errors.code(code)).as("client code for %s", code)
                        .isNotEqualTo(ErrorCode.UNKNOWN).hasToString(code.name()));
    }

    @Test
    void classification() {
        EddyClientException duplicate = map(io.eddy.protocol.ErrorCode.DUPLICATE_KEY);
        assertThat(duplicate).isInstanceOf(InvalidRequestException.class);
        assertThat(duplicate.isRetryable()).isFalse();
        assertThat(duplicate.isMaybeCommitted()).isFalse();

        RevisionException compacted = (RevisionException) Errors.fromWire(Error.newBuilder()
                .setCode(io.eddy.protocol.ErrorCode.COMPACTED).setMessage("m").setCompactRevision(42).build());
        assertThat(compacted.compactRevision()).isEqualTo(42);
        assertThat(compacted.isRetryable()).isFalse();

        EddyClientException notLeader = map(io.eddy.protocol.ErrorCode.NOT_LEADER);
        assertThat(notLeader).isInstanceOf(UnavailableException.class);
        assertThat(notLeader.isRetryable()).isTrue();
        assertThat(notLeader.isMaybeCommitted()).as("refused before the log").isFalse();

        EddyClientException timeout = map(io.eddy.protocol.ErrorCode.TIMEOUT);
        assertThat(timeout).isInstanceOf(RequestTimeoutException.class);
        assertThat(timeout.isRetryable()).isTrue();
        assertThat(timeout.isMaybeCommitted()).isTrue();

        assertThat(map(io.eddy.protocol.ErrorCode.UNAVAILABLE).isMaybeCommitted()).isTrue();
        assertThat(map(io.eddy.protocol.ErrorCode.TOO_MANY_REQUESTS).isMaybeCommitted()).isFalse();
        assertThat(map(io.eddy.protocol.ErrorCode.NO_SPACE).isRetryable()).isFalse();
    }

    @Test
    void anUnknownCodeFromANewerServerIsAServerErrorThatMayHaveCommitted() {
        EddyClientException unknown = Errors.fromWire(Error.newBuilder().setCodeValue(0x3FF).setMessage("new").build());
        assertThat(unknown.code()).isEqualTo(ErrorCode.UNKNOWN);
        assertThat(unknown.isRetryable()).isFalse();
        assertThat(unknown.isMaybeCommitted()).isTrue();
    }

    private static EddyClientException map(io.eddy.protocol.ErrorCode code) {
        return Errors.fromWire(Error.newBuilder().setCode(code).setMessage("m").build());
    }
}

package io.eddy.server.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class DroppedErrorsTest {
    @Test
    void aRequestsOwnErrorIsItsAnswerEvenWhenAFutureWrappedIt() {
        EddyException unavailable = EddyException.of(ErrorCode.UNAVAILABLE, "read failed: read timeout");
        assertThat(DroppedErrors.isRequestAnswer(unavailable)).isTrue();
        assertThat(DroppedErrors.isRequestAnswer(new CompletionException(unavailable))).isTrue();
        assertThat(DroppedErrors.isRequestAnswer(new CompletionException(new CompletionException(unavailable)))).isTrue();
    }

    @Test
    void anythingElseIsNot() {
        assertThat(DroppedErrors.isRequestAnswer(new IllegalStateException("bug"))).isFalse();
        assertThat(DroppedErrors.isRequestAnswer(new CompletionException(new NullPointerException()))).isFalse();
        assertThat(DroppedErrors.isRequestAnswer(new CompletionException("no cause", null))).isFalse();
    }
}

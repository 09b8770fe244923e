package io.eddy.client.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/** The timer-wheel bound: fails late calls with a TimeoutException, never early, and frees what it holds. */
class DeadlinesTest {
    @Test
    void aCallWithoutAnAnswerFailsAfterTheLimitAndIsCancelled() {
        AtomicBoolean cancelled = new AtomicBoolean();
        long start = System.nanoTime();
        assertThatThrownBy(() -> Deadlines.within(Mono.never().doOnCancel(() -> cancelled.set(true)),
                Duration.ofMillis(150)).block(Duration.ofSeconds(10)))
                .hasCauseInstanceOf(TimeoutException.class)
                .hasMessageContaining("no answer within 150 ms");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
        assertThat(cancelled).as("the late call is cancelled").isTrue();
    }

    @Test
    void anAnswerInTimeWinsAndLeavesNoTimerBehind() {
        Sinks.One<String> answer = Sinks.one();
        Mono<String> bounded = Deadlines.within(answer.asMono(), Duration.ofSeconds(30));
        reactor.test.StepVerifier.create(bounded)
                .then(() -> answer.tryEmitValue("ok"))
                .expectNext("ok")
                .verifyComplete();
        Mono<Long> timer = Deadlines.after(Duration.ofSeconds(30));
        reactor.core.Disposable subscription = timer.subscribe();
        subscription.dispose();
        // A cancelled timeout leaves the wheel at its next tick (10 ms).
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (Deadlines.pending() > 0 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(Deadlines.pending()).as("timeouts still in the wheel after 5 s").isZero();
    }
}

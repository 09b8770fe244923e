package io.eddy.server.node;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The batching contract of {@link ReadBarrier}, with rounds completed by hand. */
class ReadBarrierTest {
    private final List<CompletableFuture<Object>> rounds = new ArrayList<>();
    private final ReadBarrier barrier = new ReadBarrier(() -> {
        CompletableFuture<Object> round = new CompletableFuture<>();
        rounds.add(round);
        return round;
    });

    @Test
    void aReadArrivingDuringARoundWaitsForTheNextOneAndTheNextServesEveryoneWaiting() {
        CompletableFuture<Void> a = barrier.pass();
        assertThat(rounds).as("the first read sends a round").hasSize(1);
        CompletableFuture<Void> b = barrier.pass();
        CompletableFuture<Void> c = barrier.pass();
        assertThat(rounds).as("no second round while one is in flight").hasSize(1);

        rounds.get(0).complete("passed");
        assertThat(a).isCompleted();
        assertThat(b).as("b arrived after round 1 was sent: it must not ride on it").isNotDone();
        assertThat(c).isNotDone();
        assertThat(rounds).as("round 2 is sent for the waiting reads").hasSize(2);

        rounds.get(1).complete("passed");
        assertThat(b).isCompleted();
        assertThat(c).isCompleted();
        assertThat(rounds).as("nobody waits: no third round").hasSize(2);

        CompletableFuture<Void> d = barrier.pass();
        assertThat(rounds).as("idle again: a new read sends a round at once").hasSize(3);
        assertThat(d).isNotDone();
    }

    @Test
    void aFailedRoundFailsOnlyItsOwnReads() {
        CompletableFuture<Void> a = barrier.pass();
        CompletableFuture<Void> b = barrier.pass();
        rounds.get(0).completeExceptionally(new IllegalStateException("no leader"));
        assertThat(a).isCompletedExceptionally();
        assertThat(b).as("waits for its own round").isNotDone();
        rounds.get(1).complete("passed");
        assertThat(b).isCompleted();
    }

    @Test
    void aRoundThatCannotBeSentFailsItsReadsAndTheBarrierRecovers() {
        List<Boolean> throwNext = new ArrayList<>(List.of(true));
        ReadBarrier throwing = new ReadBarrier(() -> {
            if (!throwNext.isEmpty() && throwNext.remove(0)) {
                throw new IllegalStateException("stopping");
            }
            return CompletableFuture.completedFuture("passed");
        });
        assertThat(throwing.pass()).isCompletedExceptionally();
        assertThat(throwing.pass()).isCompleted();
    }
}

package io.eddy.client.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;
import reactor.test.publisher.TestPublisher;

class DemandBridgeTest {
    private static final Duration WAIT = Duration.ofSeconds(5);

    /** Element n splits into n items "n.1" .. "n.n" (0 gives none). */
    private static List<String> split(Integer element) {
        return IntStream.rangeClosed(1, element).mapToObj(i -> element + "." + i).toList();
    }

    @Test
    void requestsNothingWhileTheSubscriberRequestsNothing() {
        TestPublisher<Integer> elements = TestPublisher.create();
        StepVerifier.create(DemandBridge.of(elements.flux(), DemandBridgeTest::split, 4), 0)
                .then(() -> elements.assertWasSubscribed())
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> assertThat(elements.wasRequested()).as("requested with no demand").isFalse())
                .thenCancel()
                .verify(WAIT);
        elements.assertCancelled();
    }

    @Test
    void requestsAheadNoFurtherThanDemandAndAhead() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        TestPublisher<Integer> elements = TestPublisher.createCold();
        Flux<Integer> tracked = elements.flux().doOnRequest(requests::add);
        StepVerifier.create(DemandBridge.of(tracked, DemandBridgeTest::split, 4), 2)
                .then(() -> assertThat(sum(requests)).as("elements asked for a demand of 2").isEqualTo(2))
                .thenRequest(Long.MAX_VALUE - 2)
                .then(() -> assertThat(sum(requests)).as("elements in flight with unbounded demand").isEqualTo(4))
                .then(() -> elements.next(1))
                .expectNext("1.1")
                .then(() -> assertThat(sum(requests)).as("one received, one more asked").isEqualTo(5))
                .thenCancel()
                .verify(WAIT);
    }

    @Test
    void itemsOfOneElementWaitForDemandAndNoMoreElementsAreAsked() {
        List<Long> requests = new CopyOnWriteArrayList<>();
        TestPublisher<Integer> elements = TestPublisher.createCold();
        Flux<Integer> tracked = elements.flux().doOnRequest(requests::add);
        StepVerifier.create(DemandBridge.of(tracked, DemandBridgeTest::split, 4), 1)
                .then(() -> elements.next(3))
                .expectNext("3.1")
                .expectNoEvent(Duration.ofMillis(50))
                .then(() -> assertThat(sum(requests)).as("items waiting cover no demand").isEqualTo(1))
                .thenRequest(2)
                .expectNext("3.2", "3.3")
                .then(() -> assertThat(sum(requests)).isEqualTo(1))
                .thenRequest(1)
                .then(() -> assertThat(sum(requests)).as("new demand asks for the next element").isEqualTo(2))
                .then(() -> elements.next(0, 2))
                .expectNext("2.1")
                .then(() -> elements.complete())
                .thenRequest(1)
                .expectNext("2.2")
                .verifyComplete();
    }

    @Test
    void anErrorIsPassedOnAtOnceDroppingWaitingItems() {
        TestPublisher<Integer> elements = TestPublisher.createCold();
        StepVerifier.create(DemandBridge.of(elements.flux(), DemandBridgeTest::split, 4), 1)
                .then(() -> elements.next(3))
                .expectNext("3.1")
                .then(() -> elements.error(new IllegalStateException("lost")))
                .expectErrorMessage("lost")
                .verify(WAIT);
    }

    @Test
    void deliversEveryItemInOrderUnderRandomDemand() {
        List<Integer> source = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            source.add(i % 5);
        }
        List<String> expected = source.stream().flatMap(e -> split(e).stream()).toList();
        List<String> got = DemandBridge.of(Flux.fromIterable(source).hide(), DemandBridgeTest::split, 3)
                .limitRate(7)
                .collectList()
                .block(WAIT);
        assertThat(got).isEqualTo(expected);
    }

    private static long sum(List<Long> requests) {
        return requests.stream().mapToLong(Long::longValue).sum();
    }
}

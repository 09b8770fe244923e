package io.eddy.server.watch;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.Event;
import io.eddy.protocol.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A subscriber of one {@link WatchHub} watch whose demand the test controls; it records what arrives. */
final class HubProbe extends BaseSubscriber<WatchResponse> {
    private final LinkedBlockingQueue<WatchResponse> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();
    private final long initialDemand;

    private HubProbe(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    /** Subscribes a probe asking for {@code demand} elements to a watch of {@code hub}. */
    static HubProbe watch(WatchHub hub, WatchSpec spec, long demand) {
        HubProbe probe = new HubProbe(demand);
        hub.watch(spec).subscribe(probe);
        return probe;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        request(initialDemand);
    }

    @Override
    protected void hookOnNext(WatchResponse value) {
        received.add(value);
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        failed.complete(throwable);
    }

    /** The next element; fails the test when none arrives within {@code wait}. */
    WatchResponse next(Duration wait) throws InterruptedException {
        WatchResponse element = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(element).as("a watch element within %s (stream failure: %s)", wait, failed.getNow(null))
                .isNotNull();
        return element;
    }

    /** The events of the elements up to the one whose header revision reaches {@code revision}. */
    List<Event> eventsUntil(long revision, Duration wait) throws InterruptedException {
        List<Event> events = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        long header = Long.MIN_VALUE;
        while (header < revision) {
            WatchResponse element = null;
            // Polled in slices so that a stream that ended fails the test at once, not after the wait.
            while (element == null && !failed.isDone() && System.nanoTime() < deadline) {
                element = received.poll(Math.min(100_000_000L, Math.max(0, deadline - System.nanoTime())),
                        TimeUnit.NANOSECONDS);
            }
            element = element != null ? element : received.poll();
            assertThat(element).as("elements up to revision %d within %s; %d events so far, failure %s", revision,
                    wait, events.size(), failed.getNow(null)).isNotNull();
            events.addAll(element.getEventsList());
            header = element.getHeader().getRevision();
        }
        return events;
    }

    /** The stream's failure; fails the test when it does not end within {@code wait}. */
    Throwable awaitFailure(Duration wait) throws Exception {
        try {
            return failed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no stream failure within " + wait + "; received " + received, e);
        }
    }

    /** The failure if the stream has ended with one, else null. */
    Throwable failure() {
        return failed.getNow(null);
    }
}

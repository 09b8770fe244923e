package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A watch-stream subscriber whose demand the test controls; it records what arrives. */
final class WatchProbe extends BaseSubscriber<WatchResponse> {
    private final LinkedBlockingQueue<WatchResponse> received = new LinkedBlockingQueue<>();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final java.util.concurrent.CompletableFuture<Throwable> failed = new java.util.concurrent.CompletableFuture<>();
    private final long initialDemand;

    WatchProbe(long initialDemand) {
        this.initialDemand = initialDemand;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        if (initialDemand > 0) {
            request(initialDemand);
        }
    }

    @Override
    protected void hookOnNext(WatchResponse value) {
        received.add(value);
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        failure.set(throwable);
        failed.complete(throwable);
    }

    /** The next element, failing the test when none arrives within {@code wait}. */
    WatchResponse next(Duration wait) throws InterruptedException {
        WatchResponse element = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(element).as("a watch element within %s (stream failure: %s)", wait, failure.get()).isNotNull();
        return element;
    }

    /** The next element, or null when none arrives within {@code wait} (to check that nothing does). */
    WatchResponse nextWithin(Duration wait) throws InterruptedException {
        return received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Elements until the one whose header revision reaches {@code revision}; fails after {@code wait}. */
    List<WatchResponse> until(long revision, Duration wait) throws InterruptedException {
        List<WatchResponse> elements = new ArrayList<>();
        long deadline = System.nanoTime() + wait.toNanos();
        while (elements.isEmpty() || elements.get(elements.size() - 1).getHeader().getRevision() < revision) {
            long left = deadline - System.nanoTime();
            WatchResponse element = received.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            assertThat(element).as("elements up to revision %d within %s; got %d so far, failure %s", revision, wait,
                    elements.size(), failure.get()).isNotNull();
            elements.add(element);
        }
        return elements;
    }

    /** Elements received and not yet taken. */
    int pending() {
        return received.size();
    }

    Throwable awaitFailure(Duration wait) throws Exception {
        try {
            return failed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("no stream failure within " + wait + "; received " + received, e);
        }
    }
}

package io.eddy.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;

/** A stream subscriber whose demand the test controls: it requests nothing by itself and records what arrives. */
final class StreamProbe<T> extends BaseSubscriber<T> {
    private final LinkedBlockingQueue<T> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Throwable> failed = new CompletableFuture<>();

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        // No demand until the test asks.
    }

    @Override
    protected void hookOnNext(T value) {
        received.add(value);
    }

    @Override
    protected void hookOnError(Throwable throwable) {
        failed.complete(throwable);
    }

    /** Requests one element and returns it, failing the test when none arrives within {@code wait}. */
    T requestNext(Duration wait) throws InterruptedException {
        request(1);
        T element = received.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(element).as("an element within %s (stream failure: %s)", wait, failed.getNow(null)).isNotNull();
        return element;
    }

    /** Elements received and not yet taken. */
    int pending() {
        return received.size();
    }

    /** The stream's failure, failing the test when it does not fail within {@code wait}. */
    Throwable awaitFailure(Duration wait) throws Exception {
        try {
            return failed.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("no stream failure within " + wait + "; received " + received, e);
        }
    }
}

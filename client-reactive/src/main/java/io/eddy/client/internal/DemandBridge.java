package io.eddy.client.internal;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * Turns a stream of server elements into a stream of items (each element splits into zero or
 * more items), asking the server for elements ahead of the subscriber, but only as far as the
 * subscriber's own demand goes.
 *
 * <p>Contract: the number of elements requested and not yet received is at most
 * {@code min(ahead, d)}, where {@code d} is the subscriber's outstanding demand (items it
 * requested and has not been given). So a subscriber that requests nothing makes the server
 * send nothing and holds nothing here; one that requests {@code Long.MAX_VALUE} keeps
 * {@code ahead} elements in flight, and the member's watcher always has demand while this
 * client works through an element (it is not thrown back into catching up from the log after
 * every element, which a one-at-a-time request would do). Items of received elements wait here
 * until requested: at most {@code ahead} elements' worth.
 *
 * <p>Termination: completion is passed on after the waiting items; an error is passed on at
 * once and the waiting items are dropped (the caller resumes from the last item it delivered).
 * Cancelling the result cancels the element stream.
 */
final class DemandBridge<E, T> extends BaseSubscriber<E> {
    private final FluxSink<T> sink;
    private final Function<E, List<T>> split;
    private final int ahead;
    private final Queue<T> waiting = new ConcurrentLinkedQueue<>();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicLong received = new AtomicLong();
    /** {@code waiting.size()}, kept as a count: the queue's own size() walks it. */
    private final AtomicLong waitingCount = new AtomicLong();
    /** Elements requested from upstream so far; drain loop only. */
    private long requested;
    private volatile boolean subscribed;
    private volatile boolean completed;
    private volatile Throwable failure;

    private DemandBridge(FluxSink<T> sink, Function<E, List<T>> split, int ahead) {
        this.sink = sink;
        this.split = split;
        this.ahead = ahead;
    }

    /** The cold stream of {@code elements}' items, requesting at most {@code ahead} elements ahead of demand. */
    static <E, T> Flux<T> of(Flux<E> elements, Function<E, List<T>> split, int ahead) {
        if (ahead < 1) {
            throw new IllegalArgumentException("ahead must be at least 1: " + ahead);
        }
        return Flux.create(sink -> {
            DemandBridge<E, T> bridge = new DemandBridge<>(sink, split, ahead);
            sink.onRequest(n -> bridge.drain());
            sink.onCancel(bridge::dispose);
            elements.subscribe(bridge);
        }, FluxSink.OverflowStrategy.ERROR);
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        subscribed = true;
        drain();
    }

    @Override
    protected void hookOnNext(E element) {
        List<T> items = split.apply(element);
        waiting.addAll(items);
        waitingCount.addAndGet(items.size());
        received.incrementAndGet();
        drain();
    }

    @Override
    protected void hookOnComplete() {
        completed = true;
        drain();
    }

    @Override
    protected void hookOnError(Throwable error) {
        failure = error;
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (failure != null) {
                waiting.clear();
                sink.error(failure);
                return;
            }
            while (sink.requestedFromDownstream() > 0 && !waiting.isEmpty()) {
                waitingCount.decrementAndGet();
                sink.next(waiting.poll());
            }
            if (waiting.isEmpty() && completed) {
                sink.complete();
                return;
            }
            if (subscribed && !isDisposed()) {
                long demand = sink.requestedFromDownstream() - waitingCount.get();
                long want = Math.min(ahead, demand) - (requested - received.get());
                if (want > 0) {
                    requested += want;
                    upstream().request(want);
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }
}

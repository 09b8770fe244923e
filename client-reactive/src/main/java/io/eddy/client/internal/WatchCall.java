package io.eddy.client.internal;

import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.ServerException;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import io.eddy.client.internal.LiveWatches.Served;
import io.eddy.protocol.Event;
import io.eddy.protocol.Routes;
import io.eddy.protocol.WatchCreateRequest;
import io.eddy.protocol.WatchResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * One subscription's watch: elements of the {@code watch} route split into per-revision
 * batches, with demand mapped to elements and transparent resume.
 *
 * <p>Demand: the created element is requested at once (whatever the subscriber asks) and must
 * arrive within a third of the request timeout, else the attempt fails as a lost connection;
 * after it, at most {@code min(ELEMENTS_AHEAD, outstanding demand)} elements are requested and
 * not yet received ({@link DemandBridge}), so the client holds at most {@code ELEMENTS_AHEAD}
 * elements, and none for a subscriber that requests nothing.
 *
 * <p>Resume: {@link #next} is the first revision the subscriber has not been given: the
 * created element's revision + 1 at first, then the revision after each delivered batch, and
 * after an element's last batch the element's header revision + 1 (the member examined every
 * revision up to it). A retryable failure re-subscribes from {@link #next}, on the next
 * endpoint when the failure was the endpoint's. At most {@link #MAX_IDLE_RESUMES} resumes in a
 * row may deliver nothing (not even a created element); then the failure is the watch's.
 *
 * <p>Progress on request: from the created element of an attempt until that attempt ends, the
 * call says which endpoint serves it and the member's id of the watch ({@link Served}, read by
 * {@link LiveWatches}); between attempts it says nothing, so a resuming watch is not asked.
 * The notification arrives as an element like a periodic one, an empty {@link WatchBatch}.
 */
final class WatchCall {
    static final int MAX_IDLE_RESUMES = 6;
    /** Elements requested ahead of the subscriber, at most as many as it has demand for (see {@link DemandBridge}). */
    static final int ELEMENTS_AHEAD = 4;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(2);

    private final Transport transport;
    private final WatchCreateRequest original;
    private final Duration createdTimeout;
    private long next;
    private boolean progressed;
    private int idleResumes;
    /** Who serves the current attempt, from its created element until it ends; null otherwise. */
    private final AtomicReference<Served> served = new AtomicReference<>();

    private WatchCall(Transport transport, WatchCreateRequest original) {
        this.transport = transport;
        this.original = original;
        this.createdTimeout = transport.requestTimeout().dividedBy(Transport.MAX_ATTEMPTS);
        this.next = original.getStartRevision();
    }

    /**
     * The cold stream of {@code request}'s batches; each subscription is a new watch, in
     * {@code live} while subscribed.
     */
    static Flux<WatchBatch> stream(Transport transport, WatchCreateRequest request, LiveWatches live) {
        return Flux.defer(() -> {
            WatchCall call = new WatchCall(transport, request);
            Supplier<Served> served = call.served::get;
            return live.track(served, call.run());
        });
    }

    private Flux<WatchBatch> run() {
        return Flux.defer(this::attempt)
                .retryWhen(Retry.from(signals -> signals.concatMap(signal -> {
                    if (!resumable(signal.failure())) {
                        return Mono.error(signal.failure());
                    }
                    long factor = 1L << Math.min(idleResumes, 5);
                    Duration pause = FIRST_BACKOFF.multipliedBy(factor);
                    return Mono.delay(pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause);
                })));
    }

    private Flux<WatchBatch> attempt() {
        progressed = false;
        served.set(null);
        AtomicReference<Endpoint> endpoint = new AtomicReference<>();
        AtomicReference<Served> mine = new AtomicReference<>();
        WatchCreateRequest request = next > 0 ? original.toBuilder().setStartRevision(next).build() : original;
        Flux<WatchResponse> elements = transport.streamOnce(Routes.WATCH, request, WatchResponse.parser(),
                        createdTimeout, endpoint::set)
                .switchOnFirst((first, rest) -> {
                    if (first.hasValue()) {
                        WatchResponse created = first.get();
                        if (!created.getCreated()) {
                            return Flux.error(new ServerException(ErrorCode.INTERNAL,
                                    "the watch stream did not start with its created element"));
                        }
                        progressed = true;
                        next = Math.max(next, created.getHeader().getRevision() + 1);
                        if (created.getWatchId() > 0) {
                            mine.set(new Served(endpoint.get(), created.getWatchId()));
                            served.set(mine.get());
                        }
                        return rest.skip(1);
                    }
                    return rest;
                })
                .doFinally(signal -> served.compareAndSet(mine.get(), null));
        // Elements are requested ahead only as far as the subscriber's demand goes: a stalled
        // subscriber holds nothing here and the member sends nothing (its watcher keeps only a
        // cursor); one with demand keeps ELEMENTS_AHEAD in flight.
        return DemandBridge.of(elements, WatchCall::batches, ELEMENTS_AHEAD)
                .doOnNext(item -> {
                    progressed = true;
                    next = Math.max(next, item.resumeAt());
                })
                .map(Item::batch);
    }

    private boolean resumable(Throwable failure) {
        if (!(failure instanceof EddyClientException e) || !e.isRetryable()) {
            return false;
        }
        idleResumes = progressed ? 0 : idleResumes + 1;
        return idleResumes <= MAX_IDLE_RESUMES;
    }

    /**
     * The element's batches, the last one carrying the element's header revision as the resume
     * point (also used by {@link RangeThenWatchCall} for its watch elements).
     */
    static List<Item> batches(WatchResponse element) {
        long through = element.getHeader().getRevision();
        if (element.getProgressNotify() || element.getEventsCount() == 0) {
            return element.getProgressNotify() ? List.of(new Item(new WatchBatch(through, List.of()), through + 1))
                    : List.of();
        }
        List<Item> items = new ArrayList<>();
        List<WatchEvent> events = new ArrayList<>();
        long revision = element.getEvents(0).getKv().getModRevision();
        for (Event event : element.getEventsList()) {
            long eventRevision = event.getKv().getModRevision();
            if (eventRevision != revision) {
                items.add(new Item(new WatchBatch(revision, events), revision + 1));
                events = new ArrayList<>();
                revision = eventRevision;
            }
            events.add(event(event));
        }
        items.add(new Item(new WatchBatch(revision, events), Math.max(revision, through) + 1));
        return items;
    }

    private static WatchEvent event(Event event) {
        return new WatchEvent(event.getType() == Event.EventType.DELETE ? WatchEvent.Type.DELETE : WatchEvent.Type.PUT,
                KvCodec.kv(event.getKv()),
                event.hasPrevKv() ? Optional.of(KvCodec.kv(event.getPrevKv())) : Optional.empty());
    }

    /** A batch and the revision to resume from once it is delivered. */
    record Item(WatchBatch batch, long resumeAt) {
    }
}

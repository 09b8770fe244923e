package io.eddy.client.internal;

import com.google.protobuf.ByteString;
import io.eddy.client.EddyClientException;
import io.eddy.client.ErrorCode;
import io.eddy.client.ListThenWatch;
import io.eddy.client.ServerException;
import io.eddy.client.internal.LiveWatches.Served;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeThenWatchRequest;
import io.eddy.protocol.RangeThenWatchResponse;
import io.eddy.protocol.Routes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import reactor.core.publisher.Flux;
import reactor.util.retry.Retry;

/**
 * One subscription's list-then-watch: elements of {@code kv.rangeThenWatch} flattened to
 * {@link ListThenWatch} items, with demand mapped to elements and transparent resume in both
 * phases.
 *
 * <p>Demand: as for a watch ({@link DemandBridge}), at most
 * {@code min(WatchCall.ELEMENTS_AHEAD, outstanding demand)} elements (chunks of keys or watch
 * elements) are requested and not yet received, so a subscriber that requests nothing makes the
 * member read and send nothing, and the client holds at most {@code ELEMENTS_AHEAD} elements.
 *
 * <p>Resume: the first chunk's header revision R pins the snapshot. State moves only when an
 * item is delivered. Before {@code SnapshotDone} is delivered (the range phase), a retryable
 * failure of an attempt that had received elements re-sends the route with the range starting
 * after the last delivered key, at R (through {@link Transport#stream}, which moves to the next
 * endpoint after a connection failure); as in {@link RangeStreamCall}, at most
 * {@link Transport#MAX_ATTEMPTS} resumes in a row may deliver nothing. After it (the watch
 * phase), a retryable failure hands over to a {@link WatchCall} on the {@code watch} route from
 * the revision after the last delivered change, which resumes by itself from then on.
 *
 * <p>Progress on request ({@link LiveWatches}): from the {@code range_done} element of an attempt
 * until that attempt ends, the call says which endpoint serves its watch and under which id;
 * during the range phase it says nothing (a progress request skips it). After a hand-over, the
 * {@link WatchCall} is registered on its own.
 */
final class RangeThenWatchCall {
    private static final ByteString NUL = ByteString.copyFrom(new byte[] {0});

    private final Transport transport;
    private final RangeThenWatchRequest original;
    private final LiveWatches live;
    /** Who serves the watch phase of the current attempt, from its range_done until it ends; null otherwise. */
    private final AtomicReference<Served> served = new AtomicReference<>();
    private long revision;
    private ByteString lastKey;
    private boolean snapshotDone;
    private long next;
    private long delivered;
    private long deliveredAtResume;
    private int elementsThisAttempt;
    private int idleResumes;

    private RangeThenWatchCall(Transport transport, RangeThenWatchRequest original, LiveWatches live) {
        this.transport = transport;
        this.original = original;
        this.live = live;
    }

    /**
     * The cold stream of {@code request}'s items; each subscription lists and watches afresh, in
     * {@code live} while subscribed (its watch phase only says who serves it).
     */
    static Flux<ListThenWatch> stream(Transport transport, RangeThenWatchRequest request, LiveWatches live) {
        return Flux.defer(() -> {
            RangeThenWatchCall call = new RangeThenWatchCall(transport, request, live);
            Supplier<Served> served = call.served::get;
            return live.track(served, call.run());
        });
    }

    private Flux<ListThenWatch> run() {
        return Flux.defer(this::attempt)
                .retryWhen(Retry.from(signals -> signals.handle((signal, sink) -> {
                    if (!snapshotDone && resumable(signal.failure())) {
                        sink.next(signal.totalRetries());
                    } else {
                        sink.error(signal.failure());
                    }
                })))
                .onErrorResume(failure -> snapshotDone && retryable(failure) ? tail() : Flux.error(failure));
    }

    private Flux<ListThenWatch> attempt() {
        elementsThisAttempt = 0;
        deliveredAtResume = delivered;
        AtomicReference<Endpoint> endpoint = new AtomicReference<>();
        AtomicReference<Served> mine = new AtomicReference<>();
        Flux<RangeThenWatchResponse> elements = transport.stream(Routes.KV_RANGE_THEN_WATCH, nextRequest(),
                        RangeThenWatchResponse.parser(), endpoint::set)
                .doOnNext(element -> {
                    elementsThisAttempt++;
                    if (element.hasRangeDone() && element.getRangeDone().getWatchId() > 0) {
                        mine.set(new Served(endpoint.get(), element.getRangeDone().getWatchId()));
                        served.set(mine.get());
                    }
                })
                .doFinally(signal -> served.compareAndSet(mine.get(), null));
        return DemandBridge.of(elements, this::items, WatchCall.ELEMENTS_AHEAD)
                .doOnNext(this::onDelivered)
                .map(Item::value);
    }

    /** The watch phase after a failure: a watch from the revision after the last delivered change. */
    private Flux<ListThenWatch> tail() {
        return WatchCall.stream(transport, original.getWatch().toBuilder().setStartRevision(next).build(), live)
                .map(ListThenWatch.Changes::new);
    }

    private List<Item> items(RangeThenWatchResponse element) {
        switch (element.getElementCase()) {
            case RANGE -> {
                if (revision == 0) {
                    revision = element.getRange().getHeader().getRevision();
                }
                List<Item> items = new ArrayList<>(element.getRange().getKvsCount());
                for (KeyValue kv : element.getRange().getKvsList()) {
                    items.add(new Item(new ListThenWatch.Snapshot(KvCodec.kv(kv)), kv.getKey(), 0));
                }
                return items;
            }
            case RANGE_DONE -> {
                long pinned = element.getRangeDone().getHeader().getRevision();
                return List.of(new Item(new ListThenWatch.SnapshotDone(pinned), null, pinned + 1));
            }
            case WATCH -> {
                List<Item> items = new ArrayList<>();
                for (WatchCall.Item batch : WatchCall.batches(element.getWatch())) {
                    items.add(new Item(new ListThenWatch.Changes(batch.batch()), null, batch.resumeAt()));
                }
                return items;
            }
            default -> throw new ServerException(ErrorCode.INTERNAL, "an empty kv.rangeThenWatch element");
        }
    }

    private void onDelivered(Item item) {
        delivered++;
        if (item.key() != null) {
            lastKey = item.key();
        } else {
            snapshotDone = true;
            next = Math.max(next, item.resumeAt());
        }
    }

    private boolean resumable(Throwable failure) {
        if (!retryable(failure) || elementsThisAttempt == 0) {
            return false;
        }
        idleResumes = delivered > deliveredAtResume ? 0 : idleResumes + 1;
        return idleResumes <= Transport.MAX_ATTEMPTS;
    }

    private static boolean retryable(Throwable failure) {
        return failure instanceof EddyClientException e && e.isRetryable();
    }

    /** The request continuing after what was delivered of the range, at R once known. */
    private RangeThenWatchRequest nextRequest() {
        if (revision == 0) {
            return original;
        }
        RangeRequest.Builder range = original.getRange().toBuilder().setRevision(revision);
        if (lastKey != null) {
            if (range.getRangeEnd().isEmpty()) {
                range.setRangeEnd(range.getKey().concat(NUL));
            }
            range.setKey(lastKey.concat(NUL));
        }
        return original.toBuilder().setRange(range).build();
    }

    /**
     * An item and how it moves the resume point once delivered: a snapshot key (range phase),
     * or, with no key, the revision the watch continues from.
     */
    private record Item(ListThenWatch value, ByteString key, long resumeAt) {
    }
}

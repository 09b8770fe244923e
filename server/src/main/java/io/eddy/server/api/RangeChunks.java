package io.eddy.server.api;

import com.google.protobuf.ByteString;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import io.eddy.server.mvcc.RangePage;
import io.eddy.server.node.RangeStreams;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The chunks of one {@code kv.rangeStream}: a cold {@link Flux} of {@link RangeResponse}s, each
 * one page of the range at the pinned revision, produced only while the subscriber has
 * outstanding demand (see the package documentation for the contract).
 *
 * <p>At most one step (the pin, or one page read) is in flight, and a step starts only when
 * demand is outstanding, so the stream never reads ahead of its subscriber and holds at most
 * one page. Steps run on the member's local-read executor (or its reply thread for the pin);
 * the subscriber's thread only triggers them. Cancelling stops the stream before its next
 * step; a step in flight finishes and its page is dropped.
 */
final class RangeChunks {
    /** What a stream reads through: {@link RangeStreams} on a member, a fake in unit tests. */
    interface Pages {
        /** The revision the stream reads at. */
        CompletableFuture<Long> pin(RangeRequest request);

        /** The page of {@code request}'s range from {@code from}, at {@code revision}, of at most {@code maxKeys} keys. */
        CompletableFuture<RangePage> page(RangeRequest request, ByteString from, long revision, int maxKeys);

        /** The header of a chunk read at {@code revision}. */
        ResponseHeader header(long revision, boolean serializable);
    }

    private final Pages streams;
    private final RangeRequest request;
    private final FluxSink<RangeResponse> sink;
    private final AtomicInteger wip = new AtomicInteger();
    /** Keys still allowed by the request's limit ({@code Long.MAX_VALUE} without one). */
    private long remaining;
    private ByteString next;
    private long revision;
    private boolean emitted;
    private volatile boolean busy;
    private volatile boolean finished;

    private RangeChunks(Pages streams, RangeRequest request, FluxSink<RangeResponse> sink) {
        this.streams = streams;
        this.request = request;
        this.sink = sink;
        this.remaining = request.getLimit() > 0 ? request.getLimit() : Long.MAX_VALUE;
        this.next = request.getKey();
    }

    /** The chunks of {@code request} read through {@code streams}; nothing happens before a request for chunks. */
    static Flux<RangeResponse> of(RangeStreams streams, RangeRequest request) {
        return of(new Pages() {
            @Override
            public CompletableFuture<Long> pin(RangeRequest range) {
                return streams.pin(range);
            }

            @Override
            public CompletableFuture<RangePage> page(RangeRequest range, ByteString from, long revision, int maxKeys) {
                return streams.page(range, from, revision, maxKeys);
            }

            @Override
            public ResponseHeader header(long revision, boolean serializable) {
                return streams.header(revision, serializable);
            }
        }, request);
    }

    /** The chunks of {@code request} read through {@code streams}. */
    static Flux<RangeResponse> of(Pages streams, RangeRequest request) {
        return Flux.create(sink -> {
            RangeChunks chunks = new RangeChunks(streams, request, sink);
            sink.onCancel(() -> chunks.finished = true);
            sink.onRequest(n -> chunks.drain());
            chunks.drain();
        }, FluxSink.OverflowStrategy.ERROR);
    }

    /** Starts the next step when none is in flight and the subscriber has demand. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            if (!busy && !finished && sink.requestedFromDownstream() > 0) {
                busy = true;
                if (revision == 0) {
                    pin();
                } else {
                    readPage();
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void pin() {
        streams.pin(request).whenComplete((pinned, failure) -> {
            if (failure != null) {
                fail(failure);
                return;
            }
            revision = pinned;
            stepDone();
        });
    }

    private void readPage() {
        int maxKeys = (int) Math.min(remaining, RangeStreams.MAX_PAGE_KEYS);
        streams.page(request, next, revision, maxKeys).whenComplete((page, failure) -> {
            if (failure != null) {
                fail(failure);
            } else if (!finished) {
                onPage(page);
            }
        });
    }

    private void onPage(RangePage page) {
        remaining -= page.kvs().size();
        next = page.next();
        boolean last = page.exhausted() || remaining == 0;
        if (!page.kvs().isEmpty() || (last && !emitted)) {
            emitted = true;
            sink.next(RangeResponse.newBuilder()
                    .setHeader(streams.header(revision, request.getSerializable()))
                    .addAllKvs(page.kvs())
                    .setCount(page.kvs().size())
                    .setMore(!page.exhausted())
                    .build());
        }
        if (last) {
            finished = true;
            sink.complete();
            return;
        }
        stepDone();
    }

    private void fail(Throwable failure) {
        finished = true;
        sink.error(failure);
    }

    private void stepDone() {
        busy = false;
        drain();
    }
}

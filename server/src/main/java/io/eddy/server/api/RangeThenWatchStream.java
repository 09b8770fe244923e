package io.eddy.server.api;

import com.google.protobuf.ByteString;
import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RangeDone;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeThenWatchRequest;
import io.eddy.protocol.RangeThenWatchResponse;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.node.RangeStreams;
import io.eddy.server.watch.WatchHub;
import io.eddy.server.watch.WatchSpec;
import java.util.Comparator;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;

/**
 * The stream of one {@code kv.rangeThenWatch}: the chunks of the range at a pinned revision R
 * ({@link RangeChunks}), then a {@code range_done} element carrying R, then the watch of the
 * hub from R + 1, as one cold {@link Flux} (see the package documentation for the contract).
 *
 * <p>No gap, no duplicate: the range shows every key as of R, the watch replays the change log
 * from R + 1 whenever it registers (after the last chunk), so a change applied while the range
 * was being read is in the watch, not lost. The hub's {@code created} element (header R) is the
 * {@code range_done} element, so each element of the stream maps to exactly one element of
 * its parts: demand passes through unchanged, and neither part produces ahead of it. If R is
 * compacted before the watch registers, the watch fails with COMPACTED (start R + 1 below the
 * compact revision); while the range runs, its next chunk does. Cancelling cancels whichever
 * part runs (the range stops before its next page; the watcher unregisters).
 */
final class RangeThenWatchStream {
    private static final ByteString NUL = ByteString.copyFrom(new byte[] {0});
    private static final Comparator<ByteString> ORDER = ByteString.unsignedLexicographicalComparator();

    private RangeThenWatchStream() {
    }

    /**
     * The cold stream answering {@code request}. A bad request fails it (INVALID_ARGUMENT,
     * EMPTY_KEY, KEY_TOO_LARGE) before anything is read or registered.
     */
    static Flux<RangeThenWatchResponse> of(RangeStreams streams, WatchHub hub, int maxKeyBytes,
            RangeThenWatchRequest request) {
        return Flux.defer(() -> {
            WatchSpec watched = check(request, maxKeyBytes);
            AtomicLong pinned = new AtomicLong();
            Flux<RangeThenWatchResponse> range = RangeChunks.of(streams, request.getRange())
                    .doOnNext(chunk -> pinned.set(chunk.getHeader().getRevision()))
                    .map(chunk -> RangeThenWatchResponse.newBuilder().setRange(chunk).build());
            Flux<RangeThenWatchResponse> tail = Flux.defer(() -> {
                long revision = pinned.get();
                if (revision <= 0) {
                    return Flux.error(EddyException.of(ErrorCode.INTERNAL, "the range ended without a chunk"));
                }
                return hub.watch(from(watched, revision + 1)).map(RangeThenWatchStream::element);
            });
            return range.concatWith(tail);
        });
    }

    /**
     * The created element becomes {@code range_done} (its header revision is R, with the watch's
     * id); the others pass as they are.
     */
    private static RangeThenWatchResponse element(WatchResponse element) {
        if (element.getCreated()) {
            return RangeThenWatchResponse.newBuilder()
                    .setRangeDone(RangeDone.newBuilder().setHeader(element.getHeader())
                            .setWatchId(element.getWatchId()))
                    .build();
        }
        return RangeThenWatchResponse.newBuilder().setWatch(element).build();
    }

    private static WatchSpec from(WatchSpec spec, long startRevision) {
        return new WatchSpec(spec.key(), spec.rangeEnd(), startRevision, spec.prevKv(), spec.noPut(),
                spec.noDelete(), spec.progressNotify());
    }

    /** The watch's spec, once the request as a whole is known to be valid; throws {@link EddyException} otherwise. */
    static WatchSpec check(RangeThenWatchRequest request, int maxKeyBytes) {
        if (!request.hasRange() || !request.hasWatch()) {
            throw invalid("both range and watch are required");
        }
        RangeRequest range = request.getRange();
        if (request.getWatch().getStartRevision() != 0) {
            throw invalid("watch.start_revision must be 0: the watch starts after the range's revision");
        }
        if (range.getLimit() != 0 || range.getMinModRevision() != 0 || range.getMaxModRevision() != 0
                || range.getMinCreateRevision() != 0 || range.getMaxCreateRevision() != 0) {
            throw invalid("range.limit and the min/max revision filters are not allowed: the snapshot must hold "
                    + "every key of the range to be followed by its changes");
        }
        RangeStreams.checkStreamable(range);
        WatchSpec spec = WatchSpec.of(request.getWatch(), maxKeyBytes);
        ByteString start = range.getKey();
        ByteString end = range.getRangeEnd().isEmpty() ? start.concat(NUL) : range.getRangeEnd();
        boolean unbounded = end.equals(NUL);
        boolean empty = !unbounded && ORDER.compare(end, start) <= 0;
        boolean inside = ORDER.compare(start, spec.key()) >= 0
                && (spec.rangeEnd() == null || (!unbounded && ORDER.compare(end, spec.rangeEnd()) <= 0));
        if (!empty && !inside) {
            throw invalid("the range must lie within the watched range, else the snapshot would hold keys "
                    + "whose changes are not watched");
        }
        return spec;
    }

    private static EddyException invalid(String message) {
        return EddyException.of(ErrorCode.INVALID_ARGUMENT, message);
    }
}

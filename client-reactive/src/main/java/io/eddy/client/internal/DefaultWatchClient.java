package io.eddy.client.internal;

import com.google.protobuf.ByteString;
import io.eddy.client.ByteSequence;
import io.eddy.client.ListThenWatch;
import io.eddy.client.RangeThenWatchOptions;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchClient;
import io.eddy.client.WatchOptions;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeThenWatchRequest;
import io.eddy.protocol.WatchCreateRequest;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link WatchClient} over a {@link Transport}: each watch is a {@link WatchCall}, each
 * list-then-watch a {@link RangeThenWatchCall}; both are in the client's {@link LiveWatches}
 * while subscribed, which {@link #requestProgress()} asks.
 */
public final class DefaultWatchClient implements WatchClient {
    private final Transport transport;
    private final LiveWatches live = new LiveWatches();

    /** A watch client sending through {@code transport}. */
    public DefaultWatchClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Flux<WatchBatch> watch(ByteSequence key, WatchOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        WatchCreateRequest.Builder request = WatchCreateRequest.newBuilder()
                .setKey(ByteString.copyFrom(key.toByteArray()))
                .setRangeEnd(ByteString.copyFrom(options.rangeEnd().toByteArray()))
                .setStartRevision(options.startRevision())
                .setPrevKv(options.prevKv())
                .setProgressNotify(options.progressNotify());
        if (options.noPut()) {
            request.addFilters(WatchCreateRequest.FilterType.NOPUT);
        }
        if (options.noDelete()) {
            request.addFilters(WatchCreateRequest.FilterType.NODELETE);
        }
        return WatchCall.stream(transport, request.build(), live);
    }

    @Override
    public Flux<ListThenWatch> rangeThenWatch(ByteSequence key, RangeThenWatchOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        ByteString start = ByteString.copyFrom(key.toByteArray());
        ByteString end = ByteString.copyFrom(options.rangeEnd().toByteArray());
        WatchCreateRequest.Builder watch = WatchCreateRequest.newBuilder()
                .setKey(start)
                .setRangeEnd(end)
                .setPrevKv(options.prevKv())
                .setProgressNotify(options.progressNotify());
        if (options.noPut()) {
            watch.addFilters(WatchCreateRequest.FilterType.NOPUT);
        }
        if (options.noDelete()) {
            watch.addFilters(WatchCreateRequest.FilterType.NODELETE);
        }
        RangeRequest range = RangeRequest.newBuilder()
                .setKey(start)
                .setRangeEnd(end)
                .setRevision(options.revision())
                .setSerializable(options.serializable())
                .setKeysOnly(options.keysOnly())
                .build();
        return RangeThenWatchCall.stream(transport,
                RangeThenWatchRequest.newBuilder().setRange(range).setWatch(watch).build(), live);
    }

    @Override
    public Mono<Void> requestProgress() {
        return live.requestProgress(transport);
    }

    /** Watch and list-then-watch subscriptions of this client that are live now (for tests). */
    int liveWatches() {
        return live.size();
    }
}

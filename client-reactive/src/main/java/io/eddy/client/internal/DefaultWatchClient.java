package io.eddy.client.internal;

import com.google.protobuf.ByteString;
import io.eddy.client.ByteSequence;
import io.eddy.client.WatchBatch;
import io.eddy.client.WatchClient;
import io.eddy.client.WatchOptions;
import io.eddy.protocol.WatchCreateRequest;
import java.util.Objects;
import reactor.core.publisher.Flux;

/** {@link WatchClient} over a {@link Transport}: each watch is a {@link WatchCall}. */
public final class DefaultWatchClient implements WatchClient {
    private final Transport transport;

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
        return WatchCall.stream(transport, request.build());
    }
}

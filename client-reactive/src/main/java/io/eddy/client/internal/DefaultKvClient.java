package io.eddy.client.internal;

import io.eddy.client.ByteSequence;
import io.eddy.client.DeleteOptions;
import io.eddy.client.DeleteResult;
import io.eddy.client.GetOptions;
import io.eddy.client.GetResult;
import io.eddy.client.KeyValue;
import io.eddy.client.KvClient;
import io.eddy.client.PutOptions;
import io.eddy.client.PutResult;
import io.eddy.client.RangeStreamOptions;
import io.eddy.client.Txn;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.CompactionResponse;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.Routes;
import io.eddy.protocol.TxnResponse;
import java.util.Objects;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link KvClient} over a {@link Transport}: reads via {@link Transport#read}, writes via
 * {@link Transport#write}, streamed ranges via {@link RangeStreamCall}.
 */
public final class DefaultKvClient implements KvClient {
    private final Transport transport;

    /** A KV client sending through {@code transport}. */
    public DefaultKvClient(Transport transport) {
        this.transport = transport;
    }

    @Override
    public Mono<GetResult> get(ByteSequence key, GetOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        return transport.read(Routes.KV_RANGE, KvCodec.range(key, options), RangeResponse.parser())
                .map(KvCodec::getResult);
    }

    @Override
    public Flux<KeyValue> rangeStream(ByteSequence key, RangeStreamOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        return RangeStreamCall.stream(transport, KvCodec.rangeStream(key, options));
    }

    @Override
    public Mono<PutResult> put(ByteSequence key, ByteSequence value, PutOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(options, "options");
        return transport.write(Routes.KV_PUT, KvCodec.put(key, value, options), PutResponse.parser())
                .map(KvCodec::putResult);
    }

    @Override
    public Mono<DeleteResult> delete(ByteSequence key, DeleteOptions options) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(options, "options");
        return transport.write(Routes.KV_DELETE, KvCodec.delete(key, options), DeleteRangeResponse.parser())
                .map(KvCodec::deleteResult);
    }

    @Override
    public Mono<Long> compact(long revision) {
        return transport.write(Routes.KV_COMPACT, CompactionRequest.newBuilder().setRevision(revision).build(),
                        CompactionResponse.parser())
                .map(response -> response.getHeader().getRevision());
    }

    @Override
    public Txn txn() {
        return Txn.create(txn -> transport.write(Routes.KV_TXN, TxnCodec.request(txn), TxnResponse.parser())
                .map(TxnCodec::result));
    }
}

package io.eddy.client.internal;

import com.google.protobuf.ByteString;
import io.eddy.client.ByteSequence;
import io.eddy.client.DeleteOptions;
import io.eddy.client.DeleteResult;
import io.eddy.client.GetOptions;
import io.eddy.client.GetResult;
import io.eddy.client.Header;
import io.eddy.client.KeyValue;
import io.eddy.client.PutOptions;
import io.eddy.client.PutResult;
import io.eddy.client.RangeStreamOptions;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RangeResponse;
import io.eddy.protocol.ResponseHeader;
import java.util.List;
import java.util.Optional;

/** Converts between the public KV types and their protobuf messages. */
final class KvCodec {
    private KvCodec() {
    }

    static RangeRequest range(ByteSequence key, GetOptions options) {
        return RangeRequest.newBuilder()
                .setKey(bytes(key))
                .setRangeEnd(bytes(options.rangeEnd()))
                .setLimit(options.limit())
                .setRevision(options.revision())
                .setSerializable(options.serializable())
                .setKeysOnly(options.keysOnly())
                .setCountOnly(options.countOnly())
                .setSortTarget(sortTarget(options.sortTarget()))
                .setSortOrder(RangeRequest.SortOrder.valueOf(options.sortOrder().name()))
                .build();
    }

    static RangeRequest rangeStream(ByteSequence key, RangeStreamOptions options) {
        return RangeRequest.newBuilder()
                .setKey(bytes(key))
                .setRangeEnd(bytes(options.rangeEnd()))
                .setLimit(options.limit())
                .setRevision(options.revision())
                .setSerializable(options.serializable())
                .setKeysOnly(options.keysOnly())
                .build();
    }

    static PutRequest put(ByteSequence key, ByteSequence value, PutOptions options) {
        return PutRequest.newBuilder()
                .setKey(bytes(key))
                .setValue(bytes(value))
                .setLease(options.lease())
                .setPrevKv(options.prevKv())
                .setIgnoreValue(options.ignoreValue())
                .setIgnoreLease(options.ignoreLease())
                .build();
    }

    private static RangeRequest.SortTarget sortTarget(GetOptions.SortTarget target) {
        return switch (target) {
            case KEY -> RangeRequest.SortTarget.KEY;
            case VERSION -> RangeRequest.SortTarget.VERSION;
            case CREATE_REVISION -> RangeRequest.SortTarget.CREATE;
            case MOD_REVISION -> RangeRequest.SortTarget.MOD;
            case VALUE -> RangeRequest.SortTarget.VALUE;
        };
    }

    static DeleteRangeRequest delete(ByteSequence key, DeleteOptions options) {
        return DeleteRangeRequest.newBuilder()
                .setKey(bytes(key))
                .setRangeEnd(bytes(options.rangeEnd()))
                .setPrevKv(options.prevKv())
                .build();
    }

    static GetResult getResult(RangeResponse response) {
        return new GetResult(header(response.getHeader()), kvs(response.getKvsList()), response.getMore(),
                response.getCount());
    }

    static PutResult putResult(PutResponse response) {
        return new PutResult(header(response.getHeader()),
                response.hasPrevKv() ? Optional.of(kv(response.getPrevKv())) : Optional.empty());
    }

    static DeleteResult deleteResult(DeleteRangeResponse response) {
        return new DeleteResult(header(response.getHeader()), response.getDeleted(),
                kvs(response.getPrevKvsList()));
    }

    static Header header(ResponseHeader header) {
        return new Header(header.getClusterId(), header.getMemberId(), header.getRevision(), header.getRaftTerm());
    }

    static KeyValue kv(io.eddy.protocol.KeyValue kv) {
        return new KeyValue(sequence(kv.getKey()), sequence(kv.getValue()), kv.getCreateRevision(),
                kv.getModRevision(), kv.getVersion(), kv.getLease());
    }

    private static List<KeyValue> kvs(List<io.eddy.protocol.KeyValue> kvs) {
        return kvs.stream().map(KvCodec::kv).toList();
    }

    private static ByteString bytes(ByteSequence sequence) {
        return ByteString.copyFrom(sequence.toByteArray());
    }

    private static ByteSequence sequence(ByteString bytes) {
        return ByteSequence.of(bytes.toByteArray());
    }
}

package io.eddy.client.internal;

import com.google.protobuf.ByteString;
import io.eddy.client.Cmp;
import io.eddy.client.DeleteResult;
import io.eddy.client.GetResult;
import io.eddy.client.Header;
import io.eddy.client.OpResult;
import io.eddy.client.PutResult;
import io.eddy.client.Txn;
import io.eddy.client.TxnOp;
import io.eddy.client.TxnResult;
import io.eddy.protocol.Compare;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.ResponseOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.protocol.TxnResponse;
import java.util.List;

/** Converts transactions to and from their protobuf messages. */
final class TxnCodec {
    private TxnCodec() {
    }

    static TxnRequest request(Txn txn) {
        TxnRequest.Builder builder = TxnRequest.newBuilder();
        txn.compares().forEach(cmp -> builder.addCompare(compare(cmp)));
        txn.thenOps().forEach(op -> builder.addSuccess(op(op)));
        txn.otherwiseOps().forEach(op -> builder.addFailure(op(op)));
        return builder.build();
    }

    /** The result; each operation's result carries the transaction's header. */
    static TxnResult result(TxnResponse response) {
        Header header = KvCodec.header(response.getHeader());
        List<OpResult> results = response.getResponsesList().stream().map(op -> result(header, op)).toList();
        return new TxnResult(header, response.getSucceeded(), results);
    }

    private static OpResult result(Header header, ResponseOp op) {
        return switch (op.getResponseCase()) {
            case RESPONSE_RANGE -> {
                GetResult get = KvCodec.getResult(op.getResponseRange());
                yield new GetResult(header, get.kvs(), get.more(), get.count());
            }
            case RESPONSE_PUT -> new PutResult(header, KvCodec.putResult(op.getResponsePut()).prevKv());
            case RESPONSE_DELETE_RANGE -> {
                DeleteResult delete = KvCodec.deleteResult(op.getResponseDeleteRange());
                yield new DeleteResult(header, delete.deleted(), delete.prevKvs());
            }
            default -> throw new IllegalStateException("unexpected transaction response " + op.getResponseCase());
        };
    }

    private static RequestOp op(TxnOp op) {
        RequestOp.Builder builder = RequestOp.newBuilder();
        if (op instanceof TxnOp.Get get) {
            builder.setRequestRange(KvCodec.range(get.key(), get.options()));
        } else if (op instanceof TxnOp.Put put) {
            builder.setRequestPut(KvCodec.put(put.key(), put.value(), put.options()));
        } else if (op instanceof TxnOp.Delete delete) {
            builder.setRequestDeleteRange(KvCodec.delete(delete.key(), delete.options()));
        }
        return builder.build();
    }

    private static Compare compare(Cmp cmp) {
        Compare.Builder builder = Compare.newBuilder()
                .setKey(ByteString.copyFrom(cmp.key().toByteArray()))
                .setResult(switch (cmp.op()) {
                    case EQUAL -> Compare.CompareResult.EQUAL;
                    case NOT_EQUAL -> Compare.CompareResult.NOT_EQUAL;
                    case GREATER -> Compare.CompareResult.GREATER;
                    case LESS -> Compare.CompareResult.LESS;
                });
        switch (cmp.target()) {
            case VERSION -> builder.setTarget(Compare.CompareTarget.VERSION).setVersion(cmp.number());
            case CREATE_REVISION -> builder.setTarget(Compare.CompareTarget.CREATE).setCreateRevision(cmp.number());
            case MOD_REVISION -> builder.setTarget(Compare.CompareTarget.MOD).setModRevision(cmp.number());
            case LEASE -> builder.setTarget(Compare.CompareTarget.LEASE).setLease(cmp.number());
            case VALUE -> builder.setTarget(Compare.CompareTarget.VALUE)
                    .setValue(ByteString.copyFrom(cmp.value().toByteArray()));
        }
        return builder.build();
    }
}

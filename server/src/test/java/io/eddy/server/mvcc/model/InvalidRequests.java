package io.eddy.server.mvcc.model;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.Compare;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.mvcc.Limits;
import java.util.ArrayList;
import java.util.Random;

/**
 * Writes that are wrong on purpose, built from an {@link OperationGenerator}'s pieces. Each
 * is wrong in one main way (the base parts may add another, e.g. an unlucky duplicate key);
 * the {@link ReferenceModel} decides which error codes are acceptable.
 */
final class InvalidRequests {
    private final Random random;
    private final OperationGenerator generator;
    private final KeySpace keys;
    private final ReferenceModel model;
    private final Limits limits;

    InvalidRequests(Random random, OperationGenerator generator, ReferenceModel model) {
        this.random = random;
        this.generator = generator;
        this.keys = generator.keys();
        this.model = model;
        this.limits = model.limits();
    }

    private boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /**
     * A write that is wrong in one way: empty key, key or value over the limit, value or lease
     * given with ignore_*, ignore_* on a missing key, too many txn ops, a duplicate key in a
     * txn, a range in a txn at a future or compacted revision, a compare with an empty key, an
     * unknown enum or a value field not matching its target, a range in a txn with an unknown
     * sort target, a request over the size limit.
     */
    Command next() {
        TxnRequest.Builder txn = TxnRequest.newBuilder();
        PutRequest put = generator.putRequest(keys.key()).toBuilder().setIgnoreValue(false).setIgnoreLease(false).build();
        switch (random.nextInt(13)) {
            case 0 -> put = put.toBuilder().setKey(ByteString.EMPTY).build();
            case 1 -> {
                return Command.newBuilder().setDeleteRange(generator.deleteRequest().toBuilder().setKey(ByteString.EMPTY)).build();
            }
            case 2 -> put = put.toBuilder().setKey(keys.bytes(limits.maxKeyBytes() + 1 + random.nextInt(8))).build();
            case 3 -> put = put.toBuilder().setValue(keys.bytes(limits.maxValueBytes() + 1 + random.nextInt(8))).build();
            case 4 -> put = put.toBuilder().setIgnoreValue(true).setValue(keys.bytes(1 + random.nextInt(3))).build();
            case 5 -> put = put.toBuilder().setIgnoreLease(true).setLease(1 + random.nextInt(5)).build();
            case 6 -> put = put.toBuilder().setKey(keys.bytes(4)).setValue(ByteString.EMPTY).setLease(0)
                    .setIgnoreValue(chance(50)).setIgnoreLease(true).build();
            case 7 -> {
                int n = limits.maxTxnOps() + 1;
                TxnRequest.Builder inner = chance(50) ? txn : TxnRequest.newBuilder();
                int list = random.nextInt(3);
                for (int i = 0; i < n; i++) {
                    switch (list) {
                        case 0 -> inner.addCompare(generator.compare());
                        case 1 -> inner.addSuccess(RequestOp.newBuilder().setRequestRange(generator.rangeRequest(0)));
                        default -> inner.addFailure(RequestOp.newBuilder().setRequestRange(generator.rangeRequest(0)));
                    }
                }
                if (inner != txn) {
                    txn.addSuccess(RequestOp.newBuilder().setRequestTxn(inner));
                }
            }
            case 8 -> {
                ByteString key = put.getKey();
                RequestOp other = chance(50)
                        ? RequestOp.newBuilder().setRequestPut(generator.putRequest(key)).build()
                        : RequestOp.newBuilder().setRequestDeleteRange(DeleteRangeRequest.newBuilder().setKey(key)
                                .setRangeEnd(chance(50) ? ByteString.EMPTY : ReferenceModel.ALL_KEYS)).build();
                if (chance(50)) {
                    other = RequestOp.newBuilder().setRequestTxn(TxnRequest.newBuilder().addCompare(generator.compare())
                            .addSuccess(chance(50) ? other : generator.requestOp(2, new ArrayList<>()))
                            .addFailure(other)).build();
                }
                txn.addSuccess(generator.requestOp(2, new ArrayList<>()))
                        .addSuccess(RequestOp.newBuilder().setRequestPut(put)).addSuccess(other);
            }
            case 9 -> {
                long revision = model.compactRevision() > 1 && chance(50)
                        ? 1 + random.nextInt((int) model.compactRevision() - 1)
                        : model.revision() + 1;
                txn.addSuccess(RequestOp.newBuilder().setRequestPut(put))
                        .addSuccess(RequestOp.newBuilder().setRequestRange(generator.rangeRequest(revision)));
            }
            case 10 -> {
                Compare.Builder compare = generator.compare().toBuilder();
                switch (random.nextInt(4)) {
                    case 0 -> compare.setKey(ByteString.EMPTY);
                    case 1 -> compare.setResultValue(4 + random.nextInt(5));
                    case 2 -> compare.setTargetValue(5 + random.nextInt(5));
                    default -> compare.setTarget(Compare.CompareTarget.forNumber((compare.getTargetValue() + 1) % 5));
                }
                txn.addCompare(compare).addSuccess(RequestOp.newBuilder().setRequestPut(put));
            }
            case 11 -> txn.addSuccess(RequestOp.newBuilder().setRequestPut(put)).addFailure(RequestOp.newBuilder()
                    .setRequestRange(generator.rangeRequest(0).toBuilder().setSortTargetValue(5 + random.nextInt(3))));
            default -> {
                if (limits.maxRequestBytes() > 64 * 1024) {
                    return generator.put();
                }
                for (ByteString key : keys.distinctKeys(limits.maxTxnOps())) {
                    txn.addSuccess(RequestOp.newBuilder().setRequestPut(put.toBuilder().setKey(key)
                            .setValue(keys.bytes(limits.maxValueBytes()))));
                }
                txn.addAllFailure(txn.getSuccessList());
                while (txn.getCompareCount() < limits.maxTxnOps()) {
                    txn.addCompare(Compare.newBuilder().setKey(put.getKey()).setTarget(Compare.CompareTarget.VALUE)
                            .setValue(keys.bytes(limits.maxValueBytes())));
                }
            }
        }
        if (txn.getSuccessCount() == 0 && txn.getFailureCount() == 0) {
            return Command.newBuilder().setPut(put).build();
        }
        if (chance(30) && txn.getCompareCount() < limits.maxTxnOps()) {
            txn.addCompare(generator.compare());
        }
        return Command.newBuilder().setTxn(txn).build();
    }
}

package io.eddy.server.mvcc.model;

import com.google.protobuf.ByteString;
import io.eddy.protocol.Command;
import io.eddy.protocol.Compare;
import io.eddy.protocol.CompactionRequest;
import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.RangeRequest;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.mvcc.Limits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generates random requests over a {@link KeySpace}: puts (prev_kv, leases, ignore_value,
 * ignore_lease), range deletes, txns (compares on every target and result, with ranges,
 * nested up to two levels, ranges at past revisions inside), ranges (limits, sorts, filters,
 * keys_only, count_only, past, future and compacted revisions) and compactions. It looks at
 * the {@link ReferenceModel} only to pick interesting arguments (existing values and
 * revisions), so that compares hold often enough. Some requests are invalid on purpose (a few
 * ranges here, writes in {@link InvalidRequests}); which outcome is right is decided by the
 * model, never here.
 */
final class OperationGenerator {
    private final Random random;
    private final KeySpace keys;
    private final ReferenceModel model;
    private final Limits limits;

    KeySpace keys() {
        return keys;
    }

    OperationGenerator(Random random, KeySpace keys, ReferenceModel model) {
        this.random = random;
        this.keys = keys;
        this.model = model;
        this.limits = model.limits();
    }

    boolean chance(int percent) {
        return random.nextInt(100) < percent;
    }

    /** A revision in [compact revision, current revision]. */
    long retainedRevision() {
        long low = Math.max(1, model.compactRevision());
        return low + (long) random.nextInt((int) (model.revision() - low + 1));
    }

    /** A read revision: mostly current or retained, sometimes future or compacted. */
    long readRevision() {
        int dice = random.nextInt(100);
        if (dice < 40) {
            return 0;
        }
        if (dice < 43) {
            return -1 - random.nextInt(3);
        }
        if (dice < 85) {
            return retainedRevision();
        }
        if (dice < 93 || model.compactRevision() <= 1) {
            return model.revision() + 1 + random.nextInt(3);
        }
        return 1 + random.nextInt((int) model.compactRevision() - 1);
    }

    private KeyValue existing() {
        List<KeyValue> kvs = new ArrayList<>(model.current().values());
        return kvs.isEmpty() ? null : kvs.get(random.nextInt(kvs.size()));
    }

    private long lease() {
        return chance(60) ? 0 : chance(90) ? 1 + random.nextInt(5) : random.nextLong() & Long.MAX_VALUE;
    }

    Command put() {
        return Command.newBuilder().setPut(putRequest(keys.key())).build();
    }

    PutRequest putRequest(ByteString key) {
        PutRequest.Builder put = PutRequest.newBuilder().setKey(key).setValue(keys.value()).setLease(lease())
                .setPrevKv(random.nextBoolean());
        int dice = random.nextInt(100);
        if (dice < 14) {
            KeyValue kv = existing();
            if (kv != null && chance(80)) {
                put.setKey(kv.getKey());
            }
            if (dice < 8) {
                put.setIgnoreValue(true).setValue(chance(95) ? ByteString.EMPTY : put.getValue());
            }
            if (dice >= 5) {
                put.setIgnoreLease(true).setLease(chance(95) ? 0 : put.getLease());
            }
        }
        return put.build();
    }

    Command delete() {
        return Command.newBuilder().setDeleteRange(deleteRequest()).build();
    }

    DeleteRangeRequest deleteRequest() {
        ByteString key = keys.key();
        return DeleteRangeRequest.newBuilder().setKey(key).setRangeEnd(chance(50) ? ByteString.EMPTY : keys.end(key))
                .setPrevKv(random.nextBoolean()).build();
    }

    /** A top-level range; a few have an empty or too long key, unknown sort enums, a negative limit or minimum. */
    RangeRequest range() {
        RangeRequest range = rangeRequest(readRevision());
        return switch (random.nextInt(60)) {
            case 0 -> range.toBuilder().setKey(ByteString.EMPTY).build();
            case 1 -> range.toBuilder().setSortOrderValue(3 + random.nextInt(5)).build();
            case 2 -> range.toBuilder().setSortTargetValue(5 + random.nextInt(5)).build();
            case 3 -> range.toBuilder().setLimit(-1 - random.nextInt(3)).build();
            case 4 -> range.toBuilder().setMinModRevision(-1).setMinCreateRevision(-random.nextInt(2)).build();
            case 5 -> range.toBuilder().setKey(keys.bytes(limits.maxKeyBytes() + 1 + random.nextInt(4))).build();
            default -> range;
        };
    }

    RangeRequest rangeRequest(long revision) {
        ByteString key = keys.key();
        RangeRequest.Builder range = RangeRequest.newBuilder().setKey(key).setRangeEnd(keys.end(key))
                .setRevision(revision).setSerializable(random.nextBoolean());
        if (chance(40)) {
            range.setLimit(1 + random.nextInt(5));
        }
        if (chance(40)) {
            range.setSortOrderValue(random.nextInt(3)).setSortTargetValue(random.nextInt(5));
        }
        range.setKeysOnly(chance(10)).setCountOnly(chance(10));
        long top = model.revision() + 2;
        if (chance(8)) {
            range.setMinModRevision(random.nextInt((int) top));
        }
        if (chance(8)) {
            range.setMaxModRevision(random.nextInt((int) top));
        }
        if (chance(8)) {
            range.setMinCreateRevision(random.nextInt((int) top));
        }
        if (chance(8)) {
            range.setMaxCreateRevision(random.nextInt((int) top));
        }
        return range.build();
    }

    Command txn() {
        return Command.newBuilder().setTxn(txnRequest(0, new ArrayList<>())).build();
    }

    /** A txn; {@code putKeys} are the keys put so far in the whole txn, mostly avoided. */
    private TxnRequest txnRequest(int depth, List<ByteString> putKeys) {
        TxnRequest.Builder txn = TxnRequest.newBuilder();
        int compares = random.nextInt(4);
        for (int i = 0; i < compares; i++) {
            txn.addCompare(compare());
        }
        int success = random.nextInt(5);
        for (int i = 0; i < success; i++) {
            txn.addSuccess(requestOp(depth, putKeys));
        }
        int failure = random.nextInt(4);
        for (int i = 0; i < failure; i++) {
            txn.addFailure(requestOp(depth, putKeys));
        }
        return txn.build();
    }

    RequestOp requestOp(int depth, List<ByteString> putKeys) {
        int dice = random.nextInt(100);
        RequestOp.Builder op = RequestOp.newBuilder();
        if (dice < 35) {
            ByteString key = keys.key();
            for (int tries = 0; putKeys.contains(key) && tries < 5 && chance(90); tries++) {
                key = keys.key();
            }
            putKeys.add(key);
            op.setRequestPut(putRequest(key));
        } else if (dice < 50) {
            op.setRequestDeleteRange(deleteRequest());
        } else if (dice < 88 || depth >= 2) {
            int r = random.nextInt(100);
            long revision = r < 80 ? 0 : r < 96 ? retainedRevision() : readRevision();
            op.setRequestRange(rangeRequest(revision));
        } else {
            op.setRequestTxn(txnRequest(depth + 1, putKeys));
        }
        return op.build();
    }

    Compare compare() {
        ByteString key = keys.key();
        KeyValue kv = model.current().get(key);
        if (kv == null && chance(50)) {
            kv = existing();
        }
        if (kv != null) {
            key = kv.getKey();
        } else {
            kv = KeyValue.getDefaultInstance();
        }
        boolean real = chance(60);
        Compare.Builder compare = Compare.newBuilder().setKey(key).setResultValue(random.nextInt(4));
        if (chance(15)) {
            compare.setRangeEnd(keys.end(key));
        }
        long top = model.revision() + 2;
        switch (random.nextInt(5)) {
            case 0 -> compare.setTarget(Compare.CompareTarget.VERSION)
                    .setVersion(real ? kv.getVersion() : random.nextInt(4));
            case 1 -> compare.setTarget(Compare.CompareTarget.CREATE)
                    .setCreateRevision(real ? kv.getCreateRevision() : random.nextInt((int) top));
            case 2 -> compare.setTarget(Compare.CompareTarget.MOD)
                    .setModRevision(real ? kv.getModRevision() : random.nextInt((int) top));
            case 3 -> compare.setTarget(Compare.CompareTarget.VALUE).setValue(real ? kv.getValue() : keys.value());
            default -> compare.setTarget(Compare.CompareTarget.LEASE).setLease(real ? kv.getLease() : random.nextInt(6));
        }
        return compare.build();
    }

    /** Mostly valid compactions that keep some history, sometimes compacted, future or non-positive ones. */
    Command compaction() {
        long current = model.revision();
        long compact = model.compactRevision();
        int dice = random.nextInt(100);
        long revision;
        if (dice < 70 && current > compact) {
            revision = Math.max(compact + 1, current - random.nextInt(40));
        } else if (dice < 82) {
            revision = compact <= 0 ? 0 : 1 + random.nextInt((int) compact);
        } else if (dice < 94) {
            revision = current + 1 + random.nextInt(3);
        } else {
            revision = -random.nextInt(2);
        }
        return Command.newBuilder().setCompaction(CompactionRequest.newBuilder()
                .setRevision(revision).setPhysical(chance(20))).build();
    }
}

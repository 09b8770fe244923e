package io.eddy.server.mvcc;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.RequestOp;
import io.eddy.protocol.TxnRequest;
import io.eddy.server.errors.EddyException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rejects a txn that could write one key twice, whatever its compares decide (etcd's
 * rule, checked statically): on any path through the txn, a key may not be put twice nor
 * put while a delete on the same path covers it. The two branches of one txn are
 * exclusive, so each may write the same key. Overlapping deletes are allowed.
 *
 * <p>Each level gathers its deletes first; the puts of its nested txns must miss them and
 * each other (except then/else of one nested txn); then the level's own puts must miss
 * every delete and put gathered, nested ones included.
 */
final class TxnConflicts {

    private TxnConflicts() {
    }

    static void check(TxnRequest txn) {
        level(txn.getSuccessList());
        level(txn.getFailureList());
    }

    /** Checks one operation list; returns the puts and deletes anywhere below it. */
    private static Writes level(List<RequestOp> ops) {
        Writes writes = new Writes();
        for (RequestOp op : ops) {
            if (op.hasRequestDeleteRange()) {
                writes.deletes.add(KeyRange.of(op.getRequestDeleteRange().getKey(), op.getRequestDeleteRange().getRangeEnd()));
            }
        }
        for (RequestOp op : ops) {
            if (!op.hasRequestTxn()) {
                continue;
            }
            Writes then = level(op.getRequestTxn().getSuccessList());
            Writes otherwise = level(op.getRequestTxn().getFailureList());
            for (ByteBuffer key : then.puts) {
                writes.addPut(key);
            }
            for (ByteBuffer key : otherwise.puts) {
                if (!then.puts.contains(key)) {
                    writes.addPut(key);
                } else {
                    writes.checkNotDeleted(key);
                }
            }
            writes.deletes.addAll(then.deletes);
            writes.deletes.addAll(otherwise.deletes);
        }
        for (RequestOp op : ops) {
            if (op.hasRequestPut()) {
                writes.addPut(ByteBuffer.wrap(op.getRequestPut().getKey().toByteArray()));
            }
        }
        return writes;
    }

    private static final class Writes {
        final Set<ByteBuffer> puts = new HashSet<>();
        final List<KeyRange> deletes = new ArrayList<>();

        void addPut(ByteBuffer key) {
            if (!puts.add(key)) {
                throw duplicate();
            }
            checkNotDeleted(key);
        }

        void checkNotDeleted(ByteBuffer key) {
            byte[] bytes = new byte[key.remaining()];
            key.duplicate().get(bytes);
            for (KeyRange delete : deletes) {
                if (delete.contains(bytes)) {
                    throw duplicate();
                }
            }
        }

        private static EddyException duplicate() {
            return EddyException.of(ErrorCode.DUPLICATE_KEY, "duplicate key given in txn request");
        }
    }
}

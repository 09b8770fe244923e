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
 * Rejects a txn that could write one key twice, whatever its compares decide: on any path
 * through the txn (one branch chosen at every nested txn), a key may not be put twice, nor
 * put and deleted. Overlapping deletes are allowed, and the two branches of one txn never
 * run together, so each may write the same key.
 *
 * <p>Two writes can run on the same path unless they sit in different branches of one txn.
 * So at each operation list, the writes reachable from one operation (a nested txn reaches
 * the writes of both its branches) must not conflict with those reachable from any other
 * operation of the list; and each branch of a nested txn is checked the same way inside.
 *
 * <p>etcd 3.4 checks a nested txn's puts only against the deletes of earlier siblings, so
 * it accepts {@code [txn{put k}, txn{delete k}]} (both run, the later write wins) and
 * rejects the same two in the other order. Eddy rejects both: one revision holds at most
 * one write per key (see the package documentation).
 */
final class TxnConflicts {

    private TxnConflicts() {
    }

    static void check(TxnRequest txn) {
        reachable(txn.getSuccessList());
        reachable(txn.getFailureList());
    }

    /** Checks one operation list and returns every write reachable from it. */
    private static Writes reachable(List<RequestOp> ops) {
        Writes before = new Writes();
        for (RequestOp op : ops) {
            Writes writes = new Writes();
            if (op.hasRequestPut()) {
                writes.puts.add(ByteBuffer.wrap(op.getRequestPut().getKey().toByteArray()));
            } else if (op.hasRequestDeleteRange()) {
                writes.deletes.add(KeyRange.of(op.getRequestDeleteRange().getKey(),
                        op.getRequestDeleteRange().getRangeEnd()));
            } else if (op.hasRequestTxn()) {
                writes.addAll(reachable(op.getRequestTxn().getSuccessList()));
                writes.addAll(reachable(op.getRequestTxn().getFailureList()));
            }
            before.checkCompatible(writes);
            before.addAll(writes);
        }
        return before;
    }

    /** Keys put and ranges deleted. */
    private static final class Writes {
        final Set<ByteBuffer> puts = new HashSet<>();
        final List<KeyRange> deletes = new ArrayList<>();

        void addAll(Writes other) {
            puts.addAll(other.puts);
            deletes.addAll(other.deletes);
        }

        /** Fails if a write of {@code other} and one of these could run on the same path. */
        void checkCompatible(Writes other) {
            for (ByteBuffer key : other.puts) {
                if (puts.contains(key) || deletedBy(deletes, key)) {
                    throw duplicate();
                }
            }
            for (ByteBuffer key : puts) {
                if (deletedBy(other.deletes, key)) {
                    throw duplicate();
                }
            }
        }

        private static boolean deletedBy(List<KeyRange> deletes, ByteBuffer key) {
            if (deletes.isEmpty()) {
                return false;
            }
            byte[] bytes = new byte[key.remaining()];
            key.duplicate().get(bytes);
            for (KeyRange delete : deletes) {
                if (delete.contains(bytes)) {
                    return true;
                }
            }
            return false;
        }

        private static EddyException duplicate() {
            return EddyException.of(ErrorCode.DUPLICATE_KEY, "duplicate key given in txn request");
        }
    }
}

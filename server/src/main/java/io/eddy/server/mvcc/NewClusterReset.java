package io.eddy.server.mvcc;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.StorageException;
import io.eddy.server.storage.Table;
import io.eddy.server.storage.WriteTxn;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a store restored from a snapshot of one cluster into the store of a member of a NEW
 * cluster (a new Raft group, whose log starts empty): {@code eddy-server restore}, the
 * equivalent of etcd's {@code snapshot restore}.
 *
 * <p><b>Invariant.</b> A store's applied index ({@code meta/applied}) must never be above
 * the index of an entry its Raft group will still ask it to apply: {@link MvccStore#apply}
 * skips every batch at or below it, and the state machine reports it to Ratis as its latest
 * snapshot (where the log resumes). A new group's log starts empty, so the restored store
 * must have applied nothing, like a store just created: its applied index is removed
 * (absent reads as {@link AppliedIndex#NONE}). Kept, the old cluster's index (say 5000)
 * would make every member silently skip the new cluster's first 5000 entries, and Ratis
 * would believe in a snapshot at an index its log never had. (etcd rewrites its
 * "consistent index" for the same reason.)
 *
 * <p>Kept, because the data model needs them: every table of keys and versions
 * ({@code kv}), the change log ({@code changes}: watches from a past revision replay it), the
 * current revision, the compact revision and the state of a physical compaction pass under
 * way (each member resumes it), the store format and the leader-time floor (store time never
 * runs backwards).
 *
 * <p>Dropped: the exactly-once records ({@code dedupe}, {@code dedupe-expiry}). They answer
 * retries from clients of the old cluster; the new cluster is another cluster (another id),
 * so a client retrying a write against it gets it applied anew, as with any new cluster.
 */
public final class NewClusterReset {
    private static final int DELETES_PER_TXN = 10_000;

    private NewClusterReset() {
    }

    /**
     * What the restored store holds after the reset.
     *
     * @param revision        the current revision, kept from the snapshot
     * @param compactRevision the compact revision, kept from the snapshot (0 when none)
     * @param oldApplied      the old cluster's applied Raft position, removed
     * @param droppedRecords  exactly-once records removed
     */
    public record Result(long revision, long compactRevision, AppliedIndex oldApplied, long droppedRecords) {
    }

    /**
     * Resets {@code engine}, a store of a supported format (checked) just restored from a
     * backup, for a new Raft group (see the class documentation). Nothing else may use the
     * engine meanwhile. Idempotent.
     *
     * @throws StorageException if the store's format is not supported, or the engine fails
     */
    public static Result forNewGroup(Engine engine) {
        try (ReadTxn txn = engine.beginRead()) {
            long format = Meta.getLong(txn, Meta.FORMAT, 0);
            if (format != Meta.FORMAT_VERSION) {
                throw new StorageException(format == 0 ? "the snapshot holds no Eddy store (no format in meta)"
                        : "the snapshot's store format " + format + " is not supported (this build reads "
                        + Meta.FORMAT_VERSION + ")");
            }
        }
        long dropped = clear(engine, Schema.DEDUPE);
        clear(engine, Schema.DEDUPE_EXPIRY);
        try (WriteTxn txn = engine.beginWrite()) {
            AppliedIndex old = Meta.applied(txn);
            txn.delete(Schema.META, Meta.APPLIED);
            long revision = Meta.getLong(txn, Meta.REVISION, 1);
            long compact = Meta.getLong(txn, Meta.COMPACT, 0);
            txn.commit();
            return new Result(revision, compact, old, dropped);
        }
    }

    /** Deletes every entry of {@code table} in bounded transactions; returns how many. */
    private static long clear(Engine engine, Table table) {
        long deleted = 0;
        while (true) {
            try (WriteTxn txn = engine.beginWrite()) {
                List<byte[]> keys = new ArrayList<>();
                try (Cursor cursor = txn.cursor(table)) {
                    for (boolean on = cursor.first(); on && keys.size() < DELETES_PER_TXN; on = cursor.next()) {
                        keys.add(cursor.key());
                    }
                }
                if (keys.isEmpty()) {
                    return deleted;
                }
                keys.forEach(key -> txn.delete(table, key));
                txn.commit();
                deleted += keys.size();
            }
        }
    }
}

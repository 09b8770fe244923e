package io.eddy.server.mvcc;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.ReadTxn;
import java.util.zip.CRC32C;

/**
 * Computes {@link KvHash}: a CRC-32C over the {@link Schema#KV} entries that a fully
 * compacted store would hold at {@code revision}, in key order: every version in
 * {@code (compactRevision, revision]} (tombstones included), and for each key the newest
 * version at or below {@code compactRevision} when it is a PUT. Entries that physical
 * compaction has not removed yet are skipped, so the hash does not depend on its progress.
 */
final class StateHasher {

    private StateHasher() {
    }

    static KvHash hash(ReadTxn txn, long revision, long compactRevision) {
        CRC32C crc = new CRC32C();
        try (Cursor cursor = txn.cursor(Schema.KV)) {
            boolean positioned = cursor.first();
            byte[] previousKey = null;
            boolean keptAtCompact = false;
            while (positioned) {
                byte[] key = cursor.key();
                if (previousKey == null || !KeyCodec.sameUserKey(key, previousKey)) {
                    keptAtCompact = false;
                }
                previousKey = key;
                long modRevision = KeyCodec.revisionOf(key);
                if (modRevision <= revision) {
                    byte[] record = cursor.value();
                    boolean include = modRevision > compactRevision
                            || (!keptAtCompact && VersionRecord.isPut(record));
                    if (modRevision <= compactRevision) {
                        keptAtCompact = true; // older versions are history below the compact revision
                    }
                    if (include) {
                        crc.update(key);
                        crc.update(record);
                    }
                }
                positioned = cursor.next();
            }
        }
        return new KvHash((int) crc.getValue(), revision, compactRevision);
    }
}

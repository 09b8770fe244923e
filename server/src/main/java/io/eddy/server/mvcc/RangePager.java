package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.RangeRequest;
import io.eddy.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one bounded page of a range at a revision, in ascending key order: keyset pagination,
 * so the next page is one seek to {@link RangePage#next()} and no page costs more than its own
 * keys (plus the filtered-out keys it skipped, at most {@code maxScanned}).
 */
final class RangePager {

    private RangePager() {
    }

    /**
     * @param request    key, range end, keys_only and the min/max revision filters; sort,
     *                   limit and count_only are ignored
     * @param maxKeys    the most keys in the page (at least 1)
     * @param maxBytes   the page stops before a key whose serialized size would take it past
     *                   this; a page's first key is always taken, however large
     * @param maxScanned the most keys visited (kept or filtered out) before the page stops
     */
    static RangePage read(ReadTxn txn, RangeRequest request, long revision, int maxKeys, long maxBytes,
                          int maxScanned) {
        KeyRange range = KeyRange.of(request.getKey(), request.getRangeEnd());
        boolean withValue = !request.getKeysOnly();
        List<KeyValue> kvs = new ArrayList<>(Math.min(maxKeys, 64));
        long[] bytes = {0};
        int[] scanned = {0};
        ByteString[] next = {ByteString.EMPTY};
        VersionScanner.scan(txn, range, revision, (versionKey, modRevision, record) -> {
            byte[] userKey = KeyCodec.unescape(versionKey, KeyCodec.escapedLength(versionKey));
            if (kvs.size() >= maxKeys || scanned[0] >= maxScanned) {
                next[0] = UnsafeByteOperations.unsafeWrap(userKey);
                return false;
            }
            KeyValue kv = VersionRecord.toKeyValue(userKey, modRevision, record, withValue);
            if (!RangeQuery.passes(request, kv)) {
                scanned[0]++;
                return true;
            }
            int size = kv.getSerializedSize();
            if (!kvs.isEmpty() && bytes[0] + size > maxBytes) {
                next[0] = kv.getKey();
                return false;
            }
            scanned[0]++;
            kvs.add(kv);
            bytes[0] += size;
            return true;
        });
        return new RangePage(kvs, next[0]);
    }
}

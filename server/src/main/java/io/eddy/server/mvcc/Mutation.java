package io.eddy.server.mvcc;

import io.eddy.protocol.DeleteRangeRequest;
import io.eddy.protocol.DeleteRangeResponse;
import io.eddy.protocol.KeyValue;
import io.eddy.protocol.PutRequest;
import io.eddy.protocol.PutResponse;
import io.eddy.server.storage.WriteTxn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The writes of one request (a put, a delete, or a whole txn) at one new revision. Each
 * change writes a version into {@link Schema#KV} and an event into {@link Schema#CHANGES}
 * with the next sub-revision. The request's checks must have passed: nothing here fails
 * for a user error.
 */
final class Mutation {
    static final byte EVENT_PUT = 0;
    static final byte EVENT_DELETE = 1;
    private static final int DELETE_CHUNK = 1024;

    private final WriteTxn txn;
    private final long revision;
    private int sub;

    Mutation(WriteTxn txn, long revision) {
        this.txn = txn;
        this.revision = revision;
    }

    /** The revision this mutation writes at. */
    long revision() {
        return revision;
    }

    /** True once anything was written: the store's revision becomes {@link #revision()}. */
    boolean changed() {
        return sub > 0;
    }

    PutResponse put(PutRequest request) {
        byte[] key = request.getKey().toByteArray();
        byte[][] previous = VersionScanner.live(txn, key, revision);
        if (previous == null && (request.getIgnoreValue() || request.getIgnoreLease())) {
            throw new IllegalStateException("put with ignore_value/ignore_lease on a missing key passed its checks");
        }
        long createRevision = previous == null ? revision : VersionRecord.createRevision(previous[1]);
        long version = previous == null ? 1 : VersionRecord.version(previous[1]) + 1;
        long lease = request.getIgnoreLease() ? VersionRecord.lease(previous[1]) : request.getLease();
        byte[] record = VersionRecord.put(createRevision, version, lease,
                request.getIgnoreValue() ? VersionRecord.value(previous[1]) : request.getValue());
        txn.put(Schema.KV, KeyCodec.versionKey(key, revision), record);
        logEvent(EVENT_PUT, key);

        PutResponse.Builder response = PutResponse.newBuilder();
        if (request.getPrevKv() && previous != null) {
            response.setPrevKv(VersionRecord.toKeyValue(key, KeyCodec.revisionOf(previous[0]), previous[1], true));
        }
        return response.build();
    }

    DeleteRangeResponse delete(DeleteRangeRequest request) {
        KeyRange range = KeyRange.of(request.getKey(), request.getRangeEnd());
        DeleteRangeResponse.Builder response = DeleteRangeResponse.newBuilder();
        long deleted = 0;
        while (true) {
            List<byte[]> keys = new ArrayList<>();
            List<KeyValue> previous = new ArrayList<>();
            VersionScanner.scan(txn, range, revision, (versionKey, modRevision, record) -> {
                byte[] userKey = KeyCodec.unescape(versionKey, KeyCodec.escapedLength(versionKey));
                keys.add(userKey);
                if (request.getPrevKv()) {
                    previous.add(VersionRecord.toKeyValue(userKey, modRevision, record, true));
                }
                return keys.size() < DELETE_CHUNK;
            });
            for (byte[] userKey : keys) {
                txn.put(Schema.KV, KeyCodec.versionKey(userKey, revision), VersionRecord.tombstone());
                logEvent(EVENT_DELETE, userKey);
            }
            deleted += keys.size();
            response.addAllPrevKvs(previous);
            if (keys.size() < DELETE_CHUNK || range.single()) {
                return response.setDeleted(deleted).build();
            }
            byte[] last = keys.get(keys.size() - 1);
            range = new KeyRange(Arrays.copyOf(last, last.length + 1), range.end(), false);
        }
    }

    private void logEvent(byte type, byte[] userKey) {
        byte[] value = new byte[userKey.length + 1];
        value[0] = type;
        System.arraycopy(userKey, 0, value, 1, userKey.length);
        txn.put(Schema.CHANGES, KeyCodec.changeKey(revision, sub++), value);
    }
}

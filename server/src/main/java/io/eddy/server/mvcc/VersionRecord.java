package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.eddy.protocol.KeyValue;

/**
 * The value of a {@link Schema#KV} entry: one version of one key.
 *
 * <pre>
 *   PUT:        01 ++ be64(createRevision) ++ be64(version) ++ be64(lease) ++ value
 *   TOMBSTONE:  02
 * </pre>
 * The modification revision is not stored here: it is the revision in the entry's key.
 */
final class VersionRecord {
    static final byte PUT = 1;
    static final byte TOMBSTONE = 2;
    private static final int HEADER = 1 + 3 * 8;
    private static final byte[] TOMBSTONE_BYTES = {TOMBSTONE};

    private VersionRecord() {
    }

    static byte[] put(long createRevision, long version, long lease, ByteString value) {
        byte[] out = new byte[HEADER + value.size()];
        out[0] = PUT;
        KeyCodec.putLong(out, 1, createRevision);
        KeyCodec.putLong(out, 9, version);
        KeyCodec.putLong(out, 17, lease);
        value.copyTo(out, HEADER);
        return out;
    }

    static byte[] tombstone() {
        return TOMBSTONE_BYTES.clone();
    }

    static boolean isPut(byte[] record) {
        return record[0] == PUT;
    }

    static long createRevision(byte[] record) {
        return KeyCodec.getLong(record, 1);
    }

    static long version(byte[] record) {
        return KeyCodec.getLong(record, 9);
    }

    static long lease(byte[] record) {
        return KeyCodec.getLong(record, 17);
    }

    /** The value, sharing {@code record} (which the caller must not modify afterwards). */
    static ByteString value(byte[] record) {
        return UnsafeByteOperations.unsafeWrap(record, HEADER, record.length - HEADER);
    }

    /** The {@link KeyValue} of a PUT record, optionally without its value. */
    static KeyValue toKeyValue(byte[] userKey, long modRevision, byte[] record, boolean withValue) {
        KeyValue.Builder kv = KeyValue.newBuilder()
                .setKey(UnsafeByteOperations.unsafeWrap(userKey))
                .setCreateRevision(createRevision(record))
                .setModRevision(modRevision)
                .setVersion(version(record))
                .setLease(lease(record));
        if (withValue) {
            kv.setValue(value(record));
        }
        return kv.build();
    }
}

package io.eddy.server.mvcc;

import com.google.protobuf.InvalidProtocolBufferException;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.RequestId;
import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.WriteTxn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Exactly-once writes: the result of every write that carries a {@link RequestId} is kept
 * for {@link #RETENTION_MS} of leader time, so a client that retries after a time-out or a
 * failover gets the original result (and revision) instead of a second apply.
 *
 * <pre>
 *   dedupe:         be64(clientId) ++ be64(sequence)                    -> be64(expiresAt) ++ CommandResult
 *   dedupe-expiry:  be64(expiresAt) ++ be64(clientId) ++ be64(sequence) -> (empty)
 * </pre>
 * Expiry uses the batch's leader time ({@code CommandBatch.leader_time_ms}), never a local
 * clock, so every member keeps and drops the same records. Each batch removes up to
 * {@link #SWEEP_LIMIT} expired records. The retention is part of the replicated behaviour:
 * it must be the same on every member, hence a constant.
 */
final class Dedupe {
    /** How long a result is kept: well beyond any client's retry window. */
    static final long RETENTION_MS = 120_000;
    static final int SWEEP_LIMIT = 256;

    private Dedupe() {
    }

    static boolean applies(RequestId id) {
        return id.getClientId() != 0;
    }

    /** The stored result of {@code id}, or null. */
    static CommandResult find(WriteTxn txn, RequestId id) {
        byte[] value = txn.get(Schema.DEDUPE, key(id));
        if (value == null) {
            return null;
        }
        try {
            return CommandResult.parseFrom(Arrays.copyOfRange(value, 8, value.length));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("stored exactly-once result is unreadable", e);
        }
    }

    static void remember(WriteTxn txn, RequestId id, CommandResult result, long nowMs) {
        long expiresAt = nowMs + RETENTION_MS;
        byte[] stored = result.toByteArray();
        byte[] value = new byte[8 + stored.length];
        KeyCodec.putLong(value, 0, expiresAt);
        System.arraycopy(stored, 0, value, 8, stored.length);
        txn.put(Schema.DEDUPE, key(id), value);
        txn.put(Schema.DEDUPE_EXPIRY, expiryKey(expiresAt, id), new byte[0]);
    }

    /** Removes up to {@link #SWEEP_LIMIT} records that expired at or before {@code nowMs}. */
    static void expire(WriteTxn txn, long nowMs) {
        List<byte[]> expired = new ArrayList<>();
        try (Cursor cursor = txn.cursor(Schema.DEDUPE_EXPIRY)) {
            for (boolean ok = cursor.first(); ok && expired.size() < SWEEP_LIMIT; ok = cursor.next()) {
                byte[] key = cursor.key();
                if (KeyCodec.getLong(key, 0) > nowMs) {
                    break;
                }
                expired.add(key);
            }
        }
        for (byte[] key : expired) {
            txn.delete(Schema.DEDUPE_EXPIRY, key);
            txn.delete(Schema.DEDUPE, Arrays.copyOfRange(key, 8, 24));
        }
    }

    private static byte[] key(RequestId id) {
        byte[] key = new byte[16];
        KeyCodec.putLong(key, 0, id.getClientId());
        KeyCodec.putLong(key, 8, id.getSequence());
        return key;
    }

    private static byte[] expiryKey(long expiresAt, RequestId id) {
        byte[] key = new byte[24];
        KeyCodec.putLong(key, 0, expiresAt);
        KeyCodec.putLong(key, 8, id.getClientId());
        KeyCodec.putLong(key, 16, id.getSequence());
        return key;
    }
}

package io.eddy.server.mvcc;

import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.WriteTxn;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Schema#META} table: named 64-bit values (big-endian) and byte strings.
 *
 * <ul>
 *   <li>{@code format}: layout version of this store (1).</li>
 *   <li>{@code applied}: {@code be64(term) ++ be64(index)} of the last applied Raft entry,
 *       written in the same transaction as that entry's data.</li>
 *   <li>{@code revision}: the current revision (1 for a new store).</li>
 *   <li>{@code compact}: the compact revision (0 when nothing was compacted): reads below
 *       it fail. Set by the compaction command (phase 1).</li>
 *   <li>{@code compact.pass}: the target of the physical compaction pass under way (phase 2);
 *       equal to {@code compact.done} when no pass is running. Nothing at or above it has been
 *       removed: history from it on is complete, also below {@code compact} (see
 *       {@link Compactor}).</li>
 *   <li>{@code compact.done}: the target of the last finished pass.</li>
 *   <li>{@code compact.cursor}: escaped user key where the pass resumes; absent at the start
 *       of a pass; {@code "changes"} once every key is done and the change log is next.</li>
 *   <li>{@code leader-time}: the highest leader time applied (ms). Apply uses
 *       {@code max(leader-time, batch time)}, so store time never runs backwards when
 *       leadership moves to a member whose clock is behind.</li>
 * </ul>
 */
final class Meta {
    static final int FORMAT_VERSION = 1;

    static final byte[] FORMAT = name("format");
    static final byte[] APPLIED = name("applied");
    static final byte[] REVISION = name("revision");
    static final byte[] COMPACT = name("compact");
    static final byte[] COMPACT_PASS = name("compact.pass");
    static final byte[] COMPACT_DONE = name("compact.done");
    static final byte[] COMPACT_CURSOR = name("compact.cursor");
    static final byte[] LEADER_TIME = name("leader-time");

    private Meta() {
    }

    static long getLong(ReadTxn txn, byte[] name, long absent) {
        byte[] value = txn.get(Schema.META, name);
        return value == null ? absent : KeyCodec.getLong(value, 0);
    }

    static void putLong(WriteTxn txn, byte[] name, long value) {
        txn.put(Schema.META, name, KeyCodec.longBytes(value));
    }

    static AppliedIndex applied(ReadTxn txn) {
        byte[] value = txn.get(Schema.META, APPLIED);
        return value == null ? AppliedIndex.NONE
                : new AppliedIndex(KeyCodec.getLong(value, 0), KeyCodec.getLong(value, 8));
    }

    static void putApplied(WriteTxn txn, AppliedIndex index) {
        byte[] value = new byte[16];
        KeyCodec.putLong(value, 0, index.term());
        KeyCodec.putLong(value, 8, index.index());
        txn.put(Schema.META, APPLIED, value);
    }

    private static byte[] name(String name) {
        return name.getBytes(StandardCharsets.US_ASCII);
    }
}

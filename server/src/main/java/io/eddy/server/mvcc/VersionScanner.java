package io.eddy.server.mvcc;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.ReadTxn;
import java.util.Arrays;

/**
 * Visits the keys of a {@link KeyRange} as they were at a revision, in key order, with one
 * seek per key in the common case (see {@link KeyCodec} for the layout this walks).
 */
final class VersionScanner {

    /** Receives each live key; returns false to stop. */
    interface Visitor {
        /**
         * @param versionKey  the entry's key ({@link KeyCodec#unescape} gives the user key)
         * @param modRevision the version's revision
         * @param record      the {@link VersionRecord} (a PUT)
         */
        boolean visit(byte[] versionKey, long modRevision, byte[] record);
    }

    private VersionScanner() {
    }

    /** Visits every key of {@code range} that exists at {@code revision}. */
    static void scan(ReadTxn txn, KeyRange range, long revision, Visitor visitor) {
        if (range.isEmpty()) {
            return;
        }
        byte[] escapedEnd = range.end() == null ? null : KeyCodec.escape(range.end());
        try (Cursor cursor = txn.cursor(Schema.KV)) {
            byte[] key = cursor.seek(KeyCodec.versionKey(range.start(), revision)) ? cursor.key() : null;
            while (key != null) {
                if (escapedEnd != null && KeyCodec.atOrAfter(key, escapedEnd)) {
                    return;
                }
                int escapedLength = KeyCodec.escapedLength(key);
                long modRevision = KeyCodec.revisionOf(key);
                if (modRevision > revision) {
                    key = cursor.seek(KeyCodec.withRevision(key, escapedLength, revision)) ? cursor.key() : null;
                    continue;
                }
                byte[] record = cursor.value();
                if (VersionRecord.isPut(record) && !visitor.visit(key, modRevision, record)) {
                    return;
                }
                if (range.single()) {
                    return;
                }
                byte[] next = cursor.next() ? cursor.key() : null;
                if (next != null && KeyCodec.sameUserKey(next, key)) {
                    next = cursor.seek(KeyCodec.afterAllVersions(key, escapedLength)) ? cursor.key() : null;
                }
                key = next;
            }
        }
    }

    /**
     * The newest version of {@code userKey} at or below {@code revision}, tombstones
     * included, as {@code {versionKey, record}}; {@code null} when there is none.
     */
    static byte[][] newest(ReadTxn txn, byte[] userKey, long revision) {
        byte[] escaped = KeyCodec.escape(userKey);
        try (Cursor cursor = txn.cursor(Schema.KV)) {
            if (!cursor.seek(KeyCodec.withRevision(escaped, escaped.length, revision))) {
                return null;
            }
            byte[] key = cursor.key();
            if (KeyCodec.escapedLength(key) != escaped.length
                    || !Arrays.equals(key, 0, escaped.length, escaped, 0, escaped.length)) {
                return null;
            }
            return new byte[][] {key, cursor.value()};
        }
    }

    /** The live version of {@code userKey} at {@code revision} as {@code {versionKey, record}}, or null. */
    static byte[][] live(ReadTxn txn, byte[] userKey, long revision) {
        byte[][] newest = newest(txn, userKey, revision);
        return newest == null || !VersionRecord.isPut(newest[1]) ? null : newest;
    }
}

package io.eddy.server.mvcc;

import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.Engine;
import io.eddy.server.storage.ReadTxn;
import io.eddy.server.storage.WriteTxn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Phase two of compaction: removes the history that phase one (the compaction command,
 * which sets {@code compact} in {@link Meta}) made unreadable. Work is done in passes, each
 * with a fixed target revision, in bounded steps of one engine transaction; the step
 * records where it stopped ({@code compact.cursor}) in the same transaction, so a pass
 * resumes after a crash exactly where the last committed step left it. A step may stop in
 * the middle of a key's versions and the next one redo that key, which is harmless because
 * the version that decides what the key was at the target (its newest at or below it) is
 * removed last.
 *
 * <p>For a target {@code C}, every key keeps its versions above {@code C} and its newest
 * version at or below {@code C} if that one is a PUT; the rest of its versions go. Then
 * the change log below {@code C} goes. A compaction requested while a pass runs starts a
 * new pass once this one ends. A caller may hold a new pass back ({@code maxPassTarget}):
 * the member's watch hub still reading below the compact revision does.
 *
 * <p><b>Retained floor.</b> {@code compact.pass} (see {@link #retainedFrom}) is written in the
 * transaction of a pass's first step, before or with its first removal, and pass targets never
 * decrease (each is the compact revision when the pass starts). So in every committed state,
 * and therefore in every read snapshot, nothing at or above that snapshot's
 * {@code compact.pass} has been removed: history from there on is complete, whatever the
 * logical compact revision says. A removal committed after a read transaction began is
 * invisible to it (engine reads are snapshots), so a read that takes the floor and the log from
 * the same transaction is never torn by a concurrent step.
 */
final class Compactor {
    private static final byte[] CHANGES_PHASE = "changes".getBytes(StandardCharsets.US_ASCII);

    private Compactor() {
    }

    static boolean pending(ReadTxn txn) {
        return Meta.getLong(txn, Meta.COMPACT, 0) != Meta.getLong(txn, Meta.COMPACT_DONE, 0);
    }

    /**
     * The lowest revision physical compaction may have removed nothing at or above: the target
     * of the pass under way or, between passes, of the last finished one (0 before any).
     */
    static long retainedFrom(ReadTxn txn) {
        return Meta.getLong(txn, Meta.COMPACT_PASS, Meta.getLong(txn, Meta.COMPACT_DONE, 0));
    }

    /**
     * One step of at most {@code maxDeletes} removals. A pass under way always continues; a new
     * pass starts only when its target is at most {@code maxPassTarget}, else nothing is written.
     */
    static CompactStep step(Engine engine, int maxDeletes, long maxPassTarget) {
        try (WriteTxn txn = engine.beginWrite()) {
            long target = Meta.getLong(txn, Meta.COMPACT, 0);
            long done = Meta.getLong(txn, Meta.COMPACT_DONE, 0);
            long pass = Meta.getLong(txn, Meta.COMPACT_PASS, done);
            if (pass == done) {
                if (target == done) {
                    return CompactStep.FINISHED;
                }
                if (target > maxPassTarget) {
                    return CompactStep.HELD;
                }
                pass = target;
                Meta.putLong(txn, Meta.COMPACT_PASS, pass);
                txn.delete(Schema.META, Meta.COMPACT_CURSOR);
            }
            byte[] position = txn.get(Schema.META, Meta.COMPACT_CURSOR);
            if (position == null || !Arrays.equals(position, CHANGES_PHASE)) {
                compactVersions(txn, pass, position, Math.max(1, maxDeletes));
            } else if (compactChanges(txn, pass, Math.max(1, maxDeletes))) {
                Meta.putLong(txn, Meta.COMPACT_DONE, pass);
                txn.delete(Schema.META, Meta.COMPACT_CURSOR);
                done = pass;
            }
            txn.commit();
            return target != done ? CompactStep.MORE : CompactStep.FINISHED;
        }
    }

    private static void compactVersions(WriteTxn txn, long pass, byte[] position, int maxDeletes) {
        List<byte[]> doomed = new ArrayList<>();
        byte[] resumeAt = CHANGES_PHASE;
        try (Cursor cursor = txn.cursor(Schema.KV)) {
            boolean positioned = position == null ? cursor.first() : cursor.seek(position);
            byte[] previousKey = null;
            boolean keptAtPass = false;
            // A key's newest version at or below the pass, when it is a tombstone, hides the
            // older ones: it is removed only by the step that removes all of them, else a
            // resumed step would find an older PUT as the newest version.
            byte[] heldTombstone = null;
            while (positioned) {
                byte[] key = cursor.key();
                if (previousKey == null || !KeyCodec.sameUserKey(key, previousKey)) {
                    if (heldTombstone != null) {
                        doomed.add(heldTombstone);
                        heldTombstone = null;
                    }
                    keptAtPass = false;
                }
                if (doomed.size() >= maxDeletes) {
                    // Resume at this key's newest version; a held tombstone stays for that step.
                    resumeAt = Arrays.copyOf(key, KeyCodec.escapedLength(key));
                    heldTombstone = null;
                    break;
                }
                previousKey = key;
                if (KeyCodec.revisionOf(key) <= pass) {
                    if (keptAtPass) {
                        doomed.add(key);
                    } else if (!VersionRecord.isPut(cursor.value())) {
                        heldTombstone = key;
                    }
                    keptAtPass = true;
                }
                positioned = cursor.next();
            }
            if (heldTombstone != null) {
                doomed.add(heldTombstone);
            }
        }
        for (byte[] key : doomed) {
            txn.delete(Schema.KV, key);
        }
        txn.put(Schema.META, Meta.COMPACT_CURSOR, resumeAt);
    }

    /** Removes change-log entries below {@code pass}; returns true when none is left. */
    private static boolean compactChanges(WriteTxn txn, long pass, int maxDeletes) {
        List<byte[]> doomed = new ArrayList<>();
        boolean finished = true;
        try (Cursor cursor = txn.cursor(Schema.CHANGES)) {
            boolean positioned = cursor.first();
            while (positioned) {
                byte[] key = cursor.key();
                if (KeyCodec.changeRevision(key) >= pass) {
                    break;
                }
                if (doomed.size() >= maxDeletes) {
                    finished = false;
                    break;
                }
                doomed.add(key);
                positioned = cursor.next();
            }
        }
        for (byte[] key : doomed) {
            txn.delete(Schema.CHANGES, key);
        }
        return finished;
    }
}

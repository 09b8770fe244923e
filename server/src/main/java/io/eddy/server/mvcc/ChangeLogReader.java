package io.eddy.server.mvcc;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.eddy.protocol.Event;
import io.eddy.protocol.KeyValue;
import io.eddy.server.storage.Cursor;
import io.eddy.server.storage.ReadTxn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * Reads the {@link Schema#CHANGES} log back as {@link Event}s. A PUT event's version is
 * fetched from {@link Schema#KV} at the event's revision; a DELETE event carries only the
 * key and the deleting revision, as etcd's do.
 *
 * <p>Previous versions: an event at revision {@code r} has a previous version if the key
 * existed just before {@code r}. It is returned only when {@code r} is above the compact
 * revision: at the compact revision itself the previous version may already be gone, and
 * whether it is must not depend on how far physical compaction got. It is looked up only for
 * the keys the caller's predicate accepts.
 */
final class ChangeLogReader {

    private ChangeLogReader() {
    }

    static ChangePage read(ReadTxn txn, long from, int maxEvents, Predicate<ByteString> prevKvFor,
            long compactRevision) {
        List<Change> changes = new ArrayList<>();
        long next = from;
        int events = 0;
        try (Cursor cursor = txn.cursor(Schema.CHANGES)) {
            boolean positioned = cursor.seek(KeyCodec.changeKey(from, 0));
            List<Event> current = new ArrayList<>();
            long currentRevision = -1;
            while (positioned) {
                long revision = KeyCodec.changeRevision(cursor.key());
                if (revision != currentRevision) {
                    if (!current.isEmpty()) {
                        changes.add(new Change(currentRevision, current));
                        next = currentRevision + 1;
                        if (events >= maxEvents) {
                            return new ChangePage(changes, next);
                        }
                        current = new ArrayList<>();
                    }
                    currentRevision = revision;
                }
                current.add(event(txn, revision, cursor.value(), prevKvFor, compactRevision));
                events++;
                positioned = cursor.next();
            }
            if (!current.isEmpty()) {
                changes.add(new Change(currentRevision, current));
                next = currentRevision + 1;
            }
        }
        return new ChangePage(changes, next);
    }

    private static Event event(ReadTxn txn, long revision, byte[] logValue, Predicate<ByteString> prevKvFor,
            long compactRevision) {
        byte[] userKey = Arrays.copyOfRange(logValue, 1, logValue.length);
        boolean withPrevKv = revision > compactRevision && prevKvFor.test(UnsafeByteOperations.unsafeWrap(userKey));
        Event.Builder event = Event.newBuilder();
        if (logValue[0] == Mutation.EVENT_PUT) {
            byte[] record = txn.get(Schema.KV, KeyCodec.versionKey(userKey, revision));
            if (record == null || !VersionRecord.isPut(record)) {
                throw new IllegalStateException("change log names a version that is not stored: revision " + revision);
            }
            event.setType(Event.EventType.PUT).setKv(VersionRecord.toKeyValue(userKey, revision, record, true));
        } else {
            event.setType(Event.EventType.DELETE).setKv(KeyValue.newBuilder()
                    .setKey(UnsafeByteOperations.unsafeWrap(userKey)).setModRevision(revision));
        }
        if (withPrevKv) {
            byte[][] previous = VersionScanner.live(txn, userKey, revision - 1);
            if (previous != null) {
                event.setPrevKv(VersionRecord.toKeyValue(userKey, KeyCodec.revisionOf(previous[0]), previous[1], true));
            }
        }
        return event.build();
    }
}

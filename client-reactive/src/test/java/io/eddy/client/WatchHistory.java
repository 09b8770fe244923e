package io.eddy.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Predicate;

/**
 * The ground truth of a watch test: every acknowledged write's revision with the events it made
 * (in the order the write made them), and a validator that checks a watch's full history
 * against it: ordered, unique, no gaps, atomic per revision with exactly the write's events, and
 * progress notifications only after every earlier event.
 */
final class WatchHistory {
    /** One expected event: what a watcher must see for a key a write changed. */
    record Change(WatchEvent.Type type, String key, String value) {
        static Change of(WatchEvent event) {
            return new Change(event.type(), event.kv().key().toUtf8(),
                    event.type() == WatchEvent.Type.PUT ? event.kv().value().toUtf8() : "");
        }
    }

    private final NavigableMap<Long, List<Change>> writes = new ConcurrentSkipListMap<>();

    /** Records an acknowledged write; a revision recorded twice is a store bug (two writes, one revision). */
    void record(long revision, List<Change> changes) {
        List<Change> previous = writes.putIfAbsent(revision, List.copyOf(changes));
        if (previous != null) {
            throw new AssertionError("two acknowledged writes report revision " + revision + ": " + previous
                    + " and " + changes);
        }
    }

    /** The highest revision written. */
    long lastRevision() {
        return writes.lastKey();
    }

    /** The revisions written, ascending. */
    List<Long> revisions() {
        return new ArrayList<>(writes.keySet());
    }

    /** What a watch of {@code selects} from {@code start} must deliver up to {@code end}: revision to events. */
    NavigableMap<Long, List<Change>> expected(Predicate<String> selects, long start, long end) {
        NavigableMap<Long, List<Change>> expected = new TreeMap<>();
        if (start > end) {
            return expected;
        }
        for (Map.Entry<Long, List<Change>> write : writes.subMap(start, true, end, true).entrySet()) {
            List<Change> selected = write.getValue().stream().filter(c -> selects.test(c.key())).toList();
            if (!selected.isEmpty()) {
                expected.put(write.getKey(), selected);
            }
        }
        return expected;
    }

    /**
     * Checks a watch's history (every batch, in delivery order) from {@code start} through
     * {@code end}; returns the number of progress notifications it held. Throws an AssertionError
     * naming the first violation.
     */
    int validate(String name, List<WatchBatch> history, Predicate<String> selects, long start, long end) {
        NavigableMap<Long, List<Change>> expected = expected(selects, start, end);
        long last = start - 1;
        int delivered = 0;
        int progress = 0;
        for (int i = 0; i < history.size(); i++) {
            WatchBatch batch = history.get(i);
            String at = name + " batch " + i + " (revision " + batch.revision() + ")";
            if (batch.isProgressNotify()) {
                progress++;
                long owed = expected.headMap(batch.revision(), true).size();
                check(batch.revision() >= last, at + ": progress went back below the last delivered revision "
                        + last);
                check(owed == delivered, at + ": progress notification while " + (owed - delivered)
                        + " earlier revisions were not delivered");
                continue;
            }
            check(batch.revision() > last, at + ": not after the previous revision " + last
                    + " (order or duplicate)");
            List<Change> want = expected.get(batch.revision());
            check(want != null, at + ": no acknowledged write in the range made this revision");
            Long skipped = expected.higherKey(last);
            check(skipped != null && skipped == batch.revision(), at + ": gap, revision " + skipped
                    + " was skipped");
            List<Change> got = batch.events().stream().map(Change::of).toList();
            check(got.equals(want), at + ": events " + got + " are not exactly the write's " + want);
            check(batch.events().stream().allMatch(e -> e.revision() == batch.revision()), at
                    + ": an event of another revision in the batch");
            last = batch.revision();
            delivered++;
        }
        check(delivered == expected.size(), name + ": delivered " + delivered + " revisions, expected "
                + expected.size() + "; first missing: " + expected.higherKey(last));
        return progress;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }
}

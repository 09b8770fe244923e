package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.History;
import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.ObservedBatch;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import io.eddy.loadtests.robustness.history.WatchEvent;
import io.eddy.loadtests.robustness.history.WatchSession;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The writes of a history by revision and by key, with the revisions of UNKNOWN writes learnt
 * from what the readers and watchers saw (every written value is unique, so a value names its
 * write; a watched delete names the earliest unknown delete of that key invoked before it was
 * received). Building it finds the violations that show in single observations: a value no
 * write wrote, a write reported failed that was seen, a write seen at a revision other than the
 * one it reported (or at two revisions: applied twice), two writes with one revision.
 */
final class WriteIndex {
    /** One key's change by a write. */
    record Change(String key, boolean put, String value) {
    }

    /** A write that took effect at {@code revision}, with its changes in the order it made them. */
    record Write(long revision, Operation op, List<Change> changes) {
    }

    private final Map<String, Operation> byValue = new HashMap<>();
    private final Map<Integer, Long> learned = new HashMap<>();
    private final NavigableMap<Long, Write> byRevision = new TreeMap<>();
    private final Map<String, NavigableMap<Long, Change>> byKey = new HashMap<>();
    private final Map<String, List<Operation>> unknownDeletes = new HashMap<>();
    private final List<Violation> violations = new ArrayList<>();
    /** The highest revision anything showed, when watchers delivered every revision up to it; else -1. */
    private long watchedThrough = -1;
    /** When the first operation showing a revision at or above the watchers' first one - 1 completed. */
    private long coveredSince = Long.MAX_VALUE;

    private WriteIndex() {
    }

    /** Indexes {@code history}; throws IllegalArgumentException if two writes wrote the same value to a key. */
    static WriteIndex build(History history) {
        WriteIndex index = new WriteIndex();
        for (Operation op : history.operations()) {
            if (op.kind() == OpKind.PUT || op.kind() == OpKind.CAS) {
                for (String key : op.keys()) {
                    Operation other = index.byValue.putIfAbsent(key + '\0' + op.value(), op);
                    if (other != null) {
                        throw new IllegalArgumentException("values must be unique: " + op.describe() + " and "
                                + other.describe());
                    }
                }
            }
            if (op.wrote()) {
                index.add(op, op.result().revision());
            }
            if (op.kind() == OpKind.DELETE && op.outcome() == Outcome.UNKNOWN) {
                index.unknownDeletes.computeIfAbsent(op.key(), k -> new ArrayList<>()).add(op);
            }
        }
        index.unknownDeletes.values().forEach(list -> list.sort(Comparator.comparingLong(Operation::invokeNanos)));
        for (Operation op : history.operations()) {
            if (op.outcome() == Outcome.OK) {
                for (Kv kv : op.result().kvs()) {
                    index.observe(kv, "read " + op.describe());
                }
            }
        }
        for (WatchSession session : history.watches()) {
            for (ObservedBatch batch : session.batches()) {
                for (WatchEvent event : batch.events()) {
                    String where = "watch session " + session.id() + " revision " + batch.revision();
                    if (event.put()) {
                        index.observe(event.kv(), where);
                    } else {
                        index.observeDelete(event.kv(), batch.receivedNanos());
                    }
                    if (event.prevKv() != null) {
                        index.observe(event.prevKv(), where + " prevKv");
                    }
                }
            }
        }
        for (Write write : index.byRevision.values()) {
            for (Change change : write.changes()) {
                index.byKey.computeIfAbsent(change.key(), k -> new TreeMap<>()).put(write.revision(), change);
            }
        }
        index.watchedThrough = watchedThrough(history, index);
        if (index.watchedThrough >= 0) {
            long lo = history.watches().stream().mapToLong(WatchSession::startRevision).min().orElse(1);
            if (!index.byRevision.isEmpty()) {
                lo = Math.min(lo, index.byRevision.firstKey());
            }
            for (Operation op : history.operations()) {
                if (op.outcome() == Outcome.OK && op.result().revision() >= lo - 1) {
                    index.coveredSince = Math.min(index.coveredSince, op.completeNanos());
                }
            }
        }
        return index;
    }

    /**
     * The highest revision the history shows (a header, a write's revision, a watch batch), if the
     * watchers delivered an event batch at every revision from their first start (or the first
     * known write) up to it; -1 otherwise. Every write in a dedicated cluster is one of the
     * traffic's, in the watched prefix, and bumps the revision by one, so then every write that
     * took effect at or below that revision was seen by a watcher.
     */
    private static long watchedThrough(History history, WriteIndex index) {
        if (history.watches().isEmpty()) {
            return -1;
        }
        long lo = Long.MAX_VALUE;
        long hi = 0;
        for (WatchSession session : history.watches()) {
            lo = Math.min(lo, session.startRevision());
            for (ObservedBatch batch : session.batches()) {
                hi = Math.max(hi, batch.revision());
            }
        }
        if (!index.byRevision.isEmpty()) {
            lo = Math.min(lo, index.byRevision.firstKey());
            hi = Math.max(hi, index.byRevision.lastKey());
        }
        for (Operation op : history.operations()) {
            if (op.outcome() == Outcome.OK) {
                hi = Math.max(hi, op.result().revision());
            }
        }
        if (hi < lo || hi - lo >= Integer.MAX_VALUE) {
            return hi < lo ? hi : -1;
        }
        java.util.BitSet seen = new java.util.BitSet((int) (hi - lo + 1));
        for (WatchSession session : history.watches()) {
            for (ObservedBatch batch : session.batches()) {
                if (!batch.isProgress() && batch.revision() >= lo) {
                    seen.set((int) (batch.revision() - lo));
                }
            }
        }
        return seen.nextClearBit(0) > hi - lo ? hi : -1;
    }

    /**
     * Whether the watchers saw every write that took effect up to the highest revision anything
     * showed (an event batch at every revision from their first one).
     */
    boolean allWritesWatched() {
        return watchedThrough >= 0;
    }

    /**
     * Whether {@code op}, an UNKNOWN write nobody saw, may still have taken effect before
     * something the history shows. Not when the watchers saw every revision and {@code op} was
     * invoked after an operation showing a revision at or above the watchers' first one - 1
     * completed: its revision, had it taken effect, would be one the watchers delivered, or above
     * everything observed, which to every check is the same as not at all.
     */
    boolean mayHaveTakenEffectUnseen(Operation op) {
        return op.outcome() == Outcome.UNKNOWN && !learned(op)
                && !(allWritesWatched() && op.invokeNanos() > coveredSince);
    }

    /** See {@link #allWritesWatched()}: the revision the watchers delivered every revision up to, or -1. */
    long watchedThrough() {
        return watchedThrough;
    }

    private void observe(Kv kv, String where) {
        Operation op = byValue.get(kv.key() + '\0' + kv.value());
        if (op == null) {
            violations.add(new Violation("writes", where + " shows " + kv + ", a value no write wrote", List.of()));
        } else if (op.outcome() == Outcome.FAIL) {
            violations.add(new Violation("writes", where + " shows " + kv + " of a write reported as failed",
                    List.of(op)));
        } else if (op.outcome() == Outcome.OK) {
            if (!op.result().succeeded() && op.kind() == OpKind.CAS) {
                violations.add(new Violation("writes", where + " shows " + kv + " of a CAS whose compare failed",
                        List.of(op)));
            } else if (op.result().revision() != kv.modRevision()) {
                violations.add(new Violation("writes", where + " shows " + kv + " but the write reported revision "
                        + op.result().revision() + " (applied twice, or a wrong revision)", List.of(op)));
            }
        } else {
            Long before = learned.putIfAbsent(op.id(), kv.modRevision());
            if (before == null) {
                add(op, kv.modRevision());
            } else if (before != kv.modRevision()) {
                violations.add(new Violation("writes", where + " shows " + kv + " but it was also seen at revision "
                        + before + " (applied twice)", List.of(op)));
            }
        }
    }

    private void observeDelete(Kv kv, long receivedNanos) {
        if (byRevision.containsKey(kv.modRevision())) {
            return; // the watch checker compares it with the write
        }
        List<Operation> candidates = unknownDeletes.getOrDefault(kv.key(), List.of());
        for (Operation op : candidates) {
            if (!learned.containsKey(op.id()) && op.invokeNanos() <= receivedNanos) {
                learned.put(op.id(), kv.modRevision());
                add(op, kv.modRevision());
                return;
            }
        }
    }

    private void add(Operation op, long revision) {
        List<Change> changes = op.kind() == OpKind.DELETE ? List.of(new Change(op.key(), false, null))
                : op.keys().stream().map(k -> new Change(k, true, op.value())).toList();
        Write previous = byRevision.putIfAbsent(revision, new Write(revision, op, changes));
        if (previous != null && previous.op().id() != op.id()) {
            violations.add(new Violation("writes", "two writes took revision " + revision,
                    List.of(previous.op(), op)));
        }
    }

    /** The revision an OK write reported or an UNKNOWN write was seen at; -1 if none. */
    long revisionOf(Operation op) {
        if (op.wrote()) {
            return op.result().revision();
        }
        return learned.getOrDefault(op.id(), -1L);
    }

    /** Whether an UNKNOWN write was seen applied. */
    boolean learned(Operation op) {
        return learned.containsKey(op.id());
    }

    /** Every write that took effect, by revision. */
    NavigableMap<Long, Write> byRevision() {
        return byRevision;
    }

    /** {@code key}'s changes by revision (empty if none). */
    NavigableMap<Long, Change> changes(String key) {
        return byKey.getOrDefault(key, new TreeMap<>());
    }

    /** The keys any known write changed. */
    java.util.Set<String> keys() {
        return byKey.keySet();
    }

    /** Whether an UNKNOWN delete of {@code key} invoked before {@code nanos} was never seen: it may explain a missing key. */
    boolean unseenDeleteBefore(String key, long nanos) {
        return unknownDeletes.getOrDefault(key, List.of()).stream()
                .anyMatch(op -> mayHaveTakenEffectUnseen(op) && op.invokeNanos() < nanos);
    }

    /** What building the index found. */
    List<Violation> violations() {
        return violations;
    }
}

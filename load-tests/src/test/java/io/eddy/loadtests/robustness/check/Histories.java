package io.eddy.loadtests.robustness.check;

import io.eddy.loadtests.robustness.history.History;
import io.eddy.loadtests.robustness.history.Kv;
import io.eddy.loadtests.robustness.history.ObservedBatch;
import io.eddy.loadtests.robustness.history.OpKind;
import io.eddy.loadtests.robustness.history.OpResult;
import io.eddy.loadtests.robustness.history.Operation;
import io.eddy.loadtests.robustness.history.Outcome;
import io.eddy.loadtests.robustness.history.WatchEvent;
import io.eddy.loadtests.robustness.history.WatchSession;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Builds hand-made histories for the checkers' self-tests; times are plain numbers. */
final class Histories {
    private final List<Operation> ops = new ArrayList<>();
    private final List<WatchSession> watches = new ArrayList<>();

    History history() {
        return new History(ops, watches);
    }

    private Operation add(OpKind kind, List<String> keys, String rangeEnd, String value, String expected, long invoke,
            long complete, Outcome outcome, OpResult result) {
        Operation op = new Operation(ops.size(), 0, kind, keys, rangeEnd, value, expected, invoke, complete, outcome,
                result, "");
        ops.add(op);
        return op;
    }

    Histories put(String key, String value, long invoke, long complete, long revision) {
        add(OpKind.PUT, List.of(key), null, value, null, invoke, complete, Outcome.OK,
                new OpResult(revision, false, 0, List.of()));
        return this;
    }

    Histories putUnknown(String key, String value, long invoke) {
        add(OpKind.PUT, List.of(key), null, value, null, invoke, invoke + 1000, Outcome.UNKNOWN, OpResult.NONE);
        return this;
    }

    Histories putFailed(String key, String value, long invoke, long complete) {
        add(OpKind.PUT, List.of(key), null, value, null, invoke, complete, Outcome.FAIL, OpResult.NONE);
        return this;
    }

    /** A get that read {@code kv} (null: the key was absent) at header revision {@code revision}. */
    Histories get(String key, long invoke, long complete, long revision, Kv kv) {
        add(OpKind.GET, List.of(key), null, null, null, invoke, complete, Outcome.OK,
                new OpResult(revision, false, 0, kv == null ? List.of() : List.of(kv)));
        return this;
    }

    Histories delete(String key, long invoke, long complete, long revision, long deleted) {
        add(OpKind.DELETE, List.of(key), null, null, null, invoke, complete, Outcome.OK,
                new OpResult(revision, false, deleted, List.of()));
        return this;
    }

    Histories deleteUnknown(String key, long invoke) {
        add(OpKind.DELETE, List.of(key), null, null, null, invoke, invoke + 1000, Outcome.UNKNOWN, OpResult.NONE);
        return this;
    }

    /** A CAS on keys.get(0) writing {@code value} to every key; {@code elseKv} is the failed branch's read. */
    Histories cas(List<String> keys, String expected, String value, long invoke, long complete, long revision,
            boolean succeeded, Kv elseKv) {
        add(OpKind.CAS, keys, null, value, expected, invoke, complete, Outcome.OK,
                new OpResult(revision, succeeded, 0, elseKv == null ? List.of() : List.of(elseKv)));
        return this;
    }

    Histories casUnknown(List<String> keys, String expected, String value, long invoke) {
        add(OpKind.CAS, keys, null, value, expected, invoke, invoke + 1000, Outcome.UNKNOWN, OpResult.NONE);
        return this;
    }

    Histories range(String from, String end, long invoke, long complete, long revision, Kv... kvs) {
        add(OpKind.RANGE, List.of(from), end, null, null, invoke, complete, Outcome.OK,
                new OpResult(revision, false, 0, Arrays.asList(kvs)));
        return this;
    }

    Histories watch(String key, String end, long start, boolean prevKv, ObservedBatch... batches) {
        watches.add(new WatchSession(watches.size(), watches.size(), key, end, start, prevKv, 0, 10_000,
                Arrays.asList(batches), "cancelled"));
        return this;
    }

    static Kv kv(String key, String value, long mod, long version) {
        return new Kv(key, value, mod, version);
    }

    static ObservedBatch batch(long revision, long at, WatchEvent... events) {
        return new ObservedBatch(revision, Arrays.asList(events), at);
    }

    static ObservedBatch progress(long revision, long at) {
        return new ObservedBatch(revision, List.of(), at);
    }

    static WatchEvent putEvent(String key, String value, long revision, long version, Kv prev) {
        return new WatchEvent(true, new Kv(key, value, revision, version), prev);
    }

    static WatchEvent deleteEvent(String key, long revision, Kv prev) {
        return new WatchEvent(false, new Kv(key, "", revision, 0), prev);
    }
}

package io.eddy.loadtests.robustness.history;

import java.util.List;
import java.util.Objects;

/**
 * One watch subscription from its start to its end, with every batch in delivery order. A
 * watcher that resumes after cancelling starts a new session from its last revision + 1.
 *
 * @param startRevision the first revision asked for (at least 1: the checkers need it to find gaps
 *                      before the first batch)
 * @param end           how it ended: "cancelled", "running" or the error
 */
public record WatchSession(int id, int watcher, String key, String rangeEnd, long startRevision, boolean prevKv,
        long startNanos, long endNanos, List<ObservedBatch> batches, String end) {
    /** Copies the list. */
    public WatchSession {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(rangeEnd, "rangeEnd");
        batches = List.copyOf(batches);
        end = end == null ? "" : end;
    }

    /** Whether {@code k} is in the watched range {@code [key, rangeEnd)} (empty end: the key alone). */
    public boolean covers(String k) {
        return KeyRange.contains(key, rangeEnd, k);
    }
}

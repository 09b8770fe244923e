package io.eddy.loadtests.robustness.history;

import java.util.List;

/**
 * One batch a watcher received: every event of one revision, or none (a progress
 * notification: every event up to {@code revision} was delivered before it).
 */
public record ObservedBatch(long revision, List<WatchEvent> events, long receivedNanos) {
    /** Copies the list. */
    public ObservedBatch {
        events = List.copyOf(events);
    }

    /** Whether this is a progress notification. */
    public boolean isProgress() {
        return events.isEmpty();
    }
}

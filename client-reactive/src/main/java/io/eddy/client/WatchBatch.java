package io.eddy.client;

import java.util.List;
import java.util.Objects;

/**
 * Every watched event of one revision (one write or txn), or a progress notification.
 *
 * @param revision the revision of the events; for a progress notification, the revision up to
 *                 which every event of the watch has been delivered
 * @param events   the events of {@code revision} that the watch selects, in the order the write
 *                 made them; empty for a progress notification
 */
public record WatchBatch(long revision, List<WatchEvent> events) {
    /** Copies the events. */
    public WatchBatch {
        events = List.copyOf(Objects.requireNonNull(events, "events"));
    }

    /**
     * A progress notification (periodic, {@link WatchOptions#progressNotify()}, or on request,
     * {@link WatchClient#requestProgress()}): no event, and every event up to
     * {@link #revision()} has already been delivered.
     */
    public boolean isProgressNotify() {
        return events.isEmpty();
    }
}

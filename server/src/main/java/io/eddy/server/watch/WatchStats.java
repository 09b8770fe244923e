package io.eddy.server.watch;

/**
 * A snapshot of a {@link WatchHub}'s state, for tests and metrics.
 *
 * @param synced          watchers fed from the hub's shared log reads
 * @param unsynced        watchers behind or without demand (each holds only its next revision)
 * @param heldEvents      events gathered for watchers but not yet emitted: 0 between hub tasks,
 *                        the hub never buffers events for a watcher
 * @param processed       the revision up to which synced watchers have been fed
 * @param elementsSent    stream elements emitted since the hub started (created elements included)
 * @param logReads        change-log pages read since the hub started
 * @param oldestUnsynced  the lowest next revision of an unsynced watcher, 0 when none
 * @param progressOwed    watchers owed a progress notification on request that could not be sent yet
 */
public record WatchStats(int synced, int unsynced, long heldEvents, long processed, long elementsSent,
        long logReads, long oldestUnsynced, int progressOwed) {
    /** All watchers of the hub. */
    public int watchers() {
        return synced + unsynced;
    }
}

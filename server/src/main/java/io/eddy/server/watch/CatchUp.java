package io.eddy.server.watch;

import io.eddy.protocol.Event;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.Change;
import io.eddy.server.mvcc.ChangePage;
import java.util.function.Consumer;

/**
 * One step of one watcher, on demand or registration: the created element if it is owed, then,
 * for an unsynced watcher with demand, one page of the change log read from its own
 * {@code next}; it rejoins the synced index once {@code next} passes the hub's processed
 * revision. Steps of different watchers interleave on the hub thread. Hub thread only.
 */
final class CatchUp {
    private final Watchers watchers;
    private final Consumer<Watcher> wake;

    /** @param wake schedules another step of a watcher (coalesced) */
    CatchUp(Watchers watchers, Consumer<Watcher> wake) {
        this.watchers = watchers;
        this.wake = wake;
    }

    void step(Watcher watcher) {
        if (watcher.done || !watcher.registered) {
            return;
        }
        if (watcher.createdPending) {
            if (watcher.sink.requestedFromDownstream() < 1) {
                return;
            }
            watcher.createdPending = false;
            watchers.emit(watcher, WatchResponse.newBuilder().setCreated(true), watcher.createdRevision);
        }
        if (watcher.synced || watcher.eventDemand() < 1) {
            return;
        }
        ChangePage page;
        try {
            // Previous versions only for the watched keys: the page holds every key's events.
            page = watchers.read(s -> s.changes(watcher.next, watchers.settings.pageEvents(),
                    key -> watcher.spec.prevKv() && watcher.spec.contains(key)));
        } catch (EddyException e) {
            watchers.fail(watcher, e);
            return;
        }
        watchers.countLogRead();
        Collector collector = new Collector();
        for (Change change : page.changes()) {
            for (Event event : change.events()) {
                if (watcher.spec.contains(event.getKv().getKey()) && watcher.spec.accepts(event)) {
                    collector.add(change.revision(), event);
                }
            }
        }
        long through = page.changes().isEmpty() ? Math.max(watcher.next - 1, watchers.processed)
                : page.nextRevision() - 1;
        if (watchers.deliver(watcher, collector, through)) {
            watcher.next = Math.max(watcher.next, through + 1);
        }
        watchers.place(watcher);
        if (!watcher.synced && watcher.eventDemand() > 0) {
            wake.accept(watcher);
        }
    }
}

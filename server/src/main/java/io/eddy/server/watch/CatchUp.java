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
    /** Shared log pages kept for watchers catching up at the same revision (see {@link #read}). */
    static final int SHARED_PAGES = 4;

    private final Watchers watchers;
    private final Consumer<Watcher> wake;
    /** Recent shared pages by start revision, least recently used first; hub thread only. */
    private final java.util.Map<Long, ChangePage> sharedPages = new java.util.LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, ChangePage> eldest) {
            return size() > SHARED_PAGES;
        }
    };

    /** @param wake schedules another step of a watcher (coalesced) */
    CatchUp(Watchers watchers, Consumer<Watcher> wake) {
        this.watchers = watchers;
        this.wake = wake;
    }

    /**
     * The log page from {@code watcher.next}. Watchers without prevKv share pages: a stalled
     * crowd that gets demand back sits at the same revision, and one read then serves them all.
     * Only non-empty pages are kept (an empty page's meaning, "nothing yet", goes stale as
     * revisions are applied); a kept page holds whole revisions from its start and stays true
     * (history below the applied revision does not change), so serving it later only makes the
     * step shorter, unless the start has been compacted since: then the log is read and refuses. At most {@link #SHARED_PAGES} pages are kept (each ≤ one page's events).
     */
    private ChangePage read(Watcher watcher) {
        if (!watcher.spec.prevKv()) {
            ChangePage shared = sharedPages.get(watcher.next);
            // A compacted start is the log's to refuse (COMPACTED), not the cache's to serve.
            if (shared != null && watcher.next > watchers.read(store -> store.compactRevision())) {
                return shared;
            }
        }
        // Previous versions only for the watched keys: the page holds every key's events.
        ChangePage page = watchers.read(s -> s.changes(watcher.next, watchers.settings.pageEvents(),
                key -> watcher.spec.prevKv() && watcher.spec.contains(key)));
        watchers.countLogRead();
        if (!watcher.spec.prevKv() && !page.changes().isEmpty()) {
            sharedPages.put(watcher.next, page);
        }
        return page;
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
            watchers.emit(watcher, WatchResponse.newBuilder().setCreated(true).setWatchId(watcher.id),
                    watcher.createdRevision);
        }
        if (watcher.synced || watcher.eventDemand() < 1) {
            return;
        }
        ChangePage page;
        try {
            page = read(watcher);
        } catch (EddyException e) {
            watchers.fail(watcher, e);
            return;
        }
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

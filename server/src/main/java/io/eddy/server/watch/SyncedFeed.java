package io.eddy.server.watch;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.Change;
import io.eddy.server.mvcc.ChangePage;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Feeds the synced watchers: reads the revisions the store applied since the hub's processed
 * revision in shared log pages (one read per page for every synced watcher), matches each event
 * against the index, and hands each touched watcher its events as far as its demand goes; a
 * watcher left with undelivered events becomes unsynced (holding only its next revision).
 * Also sends the idle progress notifications of synced watchers. Hub thread only.
 */
final class SyncedFeed {
    /** Log pages read for synced watchers per hub task, before other tasks get a turn. */
    static final int PAGES_PER_TASK = 4;

    private final Watchers watchers;
    private final Consumer<Watcher> wake;

    /** @param wake schedules a step of a watcher that became unsynced (coalesced) */
    SyncedFeed(Watchers watchers, Consumer<Watcher> wake) {
        this.watchers = watchers;
        this.wake = wake;
    }

    /**
     * Feeds up to {@code PAGES_PER_TASK} pages towards {@code target}; returns true when the
     * processed revision is still below it (the caller schedules another feed).
     */
    boolean feedUpTo(long target) {
        if (watchers.processed < 0) {
            watchers.processed = target;
        }
        for (int pages = 0; watchers.processed < target && pages < PAGES_PER_TASK; pages++) {
            if (watchers.synced.isEmpty()) {
                watchers.processed = target;
                break;
            }
            ChangePage page;
            try {
                // Retained, not logical, history: a compaction that applied after these revisions
                // must not end watchers that kept up (the compactor waits for this read).
                page = watchers.read(s -> s.retainedChanges(watchers.processed + 1, watchers.settings.pageEvents(),
                        watchers.synced::wantsPrevKv));
            } catch (EddyException e) {
                if (e.code() != ErrorCode.COMPACTED) {
                    throw e;
                }
                skipCompacted(e);
                continue;
            }
            watchers.countLogRead();
            if (page.changes().isEmpty()) {
                watchers.processed = target;
                break;
            }
            feedPage(page);
        }
        return watchers.processed < target;
    }

    /**
     * The history the hub had yet to read was removed (the compactor stopped waiting after
     * {@code watch.compaction-wait}): ends the synced watchers whose next revision is below the
     * compact revision; skips the rest past it.
     */
    private void skipCompacted(EddyException compacted) {
        long compact = compacted.error().getCompactRevision();
        for (Watcher watcher : watchers.synced.all()) {
            if (Math.max(watcher.next, watchers.processed + 1) < compact) {
                watchers.fail(watcher, compacted);
            }
        }
        watchers.processed = Math.max(watchers.processed, compact - 1);
    }

    /**
     * Matches the page's events to the synced watchers and delivers them. Watchers of one
     * cohort whose next revision is at or before the page's first revision are given the same
     * events, so they share one collector (events gathered, elements built once).
     */
    private void feedPage(ChangePage page) {
        long first = page.changes().get(0).revision();
        Map<WatchSpec.Cohort, Collector> shared = new HashMap<>();
        List<Watcher> touched = new ArrayList<>();
        List<Collector> collectors = new ArrayList<>();
        for (Change change : page.changes()) {
            long revision = change.revision();
            for (Event event : change.events()) {
                Event[] stripped = {null};
                watchers.synced.forEachMatch(event.getKv().getKey(), watcher -> {
                    if (revision < watcher.next || watcher.done || !watcher.spec.accepts(event)) {
                        return;
                    }
                    if (watcher.collecting == null) {
                        watcher.collecting = watcher.next <= first
                                ? shared.computeIfAbsent(watcher.cohort, cohort -> created(collectors))
                                : created(collectors);
                        touched.add(watcher);
                    }
                    Event delivered = event;
                    if (!watcher.spec.prevKv() && event.hasPrevKv()) {
                        if (stripped[0] == null) {
                            stripped[0] = event.toBuilder().clearPrevKv().build();
                        }
                        delivered = stripped[0];
                    }
                    if (watcher.collecting.add(revision, event, delivered)) {
                        watchers.heldEvents++;
                    }
                });
            }
        }
        long through = page.nextRevision() - 1;
        watchers.processed = through;
        for (Watcher watcher : touched) {
            Collector collector = watcher.collecting;
            watcher.collecting = null;
            if (watchers.deliver(watcher, collector, through)) {
                watcher.next = Math.max(watcher.next, through + 1);
            }
            watchers.place(watcher);
            if (!watcher.synced) {
                wake.accept(watcher);
            }
        }
        collectors.forEach(collector -> watchers.heldEvents -= collector.size());
    }

    private static Collector created(List<Collector> collectors) {
        Collector collector = new Collector();
        collectors.add(collector);
        return collector;
    }

    /** Sends a progress notification to each synced watcher that asked for them, has demand and was idle long enough. */
    void progressTick() {
        long now = System.nanoTime();
        long interval = watchers.settings.progressInterval().toNanos();
        long processed = watchers.processed;
        for (Watcher watcher : watchers.synced.all()) {
            if (watcher.spec.progressNotify() && !watcher.done && !watcher.createdPending
                    && now - watcher.lastSentNanos >= interval && watcher.eventDemand() > 0
                    && processed >= watcher.next - 1) {
                watchers.emit(watcher, WatchResponse.newBuilder().setProgressNotify(true), processed);
            }
        }
    }
}

package io.eddy.server.watch;

import io.eddy.protocol.WatchProgressResponse;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.mvcc.MvccStore;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;

/**
 * Progress notifications on request (route {@code watch.progress}, etcd's RequestProgress).
 * A request names watchers by id; each one it names is owed one notification reporting at
 * least the store's revision when the hub took the request ({@link Watcher#progressOwedAt}).
 * The notification reports the hub's processed revision and goes only when it is true and can
 * leave: the watcher is synced (it has examined every revision up to processed, so nothing
 * undelivered lies below), processed has reached the owed revision, and the subscriber has
 * demand. Until then the watcher is in {@link Watchers#progressOwed}, and the hub retries
 * after each feed and after each step of that watcher (demand returned, catch-up done).
 * Several requests before it leaves coalesce into one notification; any progress notification
 * reaching the owed revision (a periodic one too) pays the debt ({@link Watchers#emit}).
 * Hub thread only.
 */
final class ProgressRequests {
    private final Watchers watchers;

    ProgressRequests(Watchers watchers) {
        this.watchers = watchers;
    }

    /**
     * Marks every known, live watcher among {@code ids} as owed a notification and sends those
     * that are due at once. Answers with the store's revision (the one owed) and how many
     * distinct ids name such a watcher; unknown ids are ignored. Throws {@code EddyException}
     * (UNAVAILABLE) when the store cannot be read.
     */
    WatchProgressResponse request(Collection<Long> ids) {
        long target = watchers.read(MvccStore::revision);
        int known = 0;
        for (long id : new LinkedHashSet<>(ids)) {
            Watcher watcher = watchers.byId.get(id);
            if (watcher == null || watcher.done) {
                continue;
            }
            known++;
            watcher.progressOwedAt = Math.max(watcher.progressOwedAt, target);
            watchers.progressOwed.add(watcher);
            sendIfDue(watcher);
        }
        return WatchProgressResponse.newBuilder().setHeader(watchers.header(target)).setKnown(known).build();
    }

    /** Sends the owed notification of every watcher for which it is due now. */
    void sendDue() {
        if (!watchers.progressOwed.isEmpty()) {
            new ArrayList<>(watchers.progressOwed).forEach(this::sendIfDue);
        }
    }

    /** Sends {@code watcher}'s owed notification if it is due now (see the class documentation). */
    void sendIfDue(Watcher watcher) {
        if (watcher.progressOwedAt < 0 || watcher.done || !watcher.registered || watcher.createdPending
                || !watcher.synced) {
            return;
        }
        long processed = watchers.processed;
        if (processed < watcher.progressOwedAt || processed < watcher.next - 1 || watcher.eventDemand() < 1) {
            return;
        }
        watchers.emit(watcher, WatchResponse.newBuilder().setProgressNotify(true), processed);
    }
}

package io.eddy.server.watch;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.MvccStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

/**
 * The hub's watchers and what every hub task shares: the synced index, the unsynced set, the
 * revision the synced watchers have been fed to ({@link #processed}), store reads, and emitting
 * elements to a watcher's subscriber. Hub thread only (the counters are read from other threads
 * for statistics).
 */
final class Watchers {
    final WatchSettings settings;
    final WatcherIndex synced = new WatcherIndex();
    final Set<Watcher> unsynced = new LinkedHashSet<>();
    /** Registered watchers by id (for progress requests). */
    final Map<Long, Watcher> byId = new HashMap<>();
    /** Watchers owed a progress notification on request ({@link ProgressRequests}). */
    final Set<Watcher> progressOwed = new LinkedHashSet<>();
    /**
     * The revision up to which synced watchers have been fed; -1 until the hub first reads the
     * store. Written on the hub thread only; volatile because the background compactor reads it
     * ({@link WatchHub#processedRevision()}). Never decreases while the store is not replaced.
     */
    volatile long processed = -1;
    /** Events gathered for watchers during the current task (0 between tasks). */
    long heldEvents;
    private final StoreReader store;
    private final UnaryOperator<ResponseHeader> headers;
    private volatile long elementsSent;
    private volatile long logReads;

    Watchers(StoreReader store, UnaryOperator<ResponseHeader> headers, WatchSettings settings) {
        this.store = store;
        this.headers = headers;
        this.settings = settings;
    }

    /** Puts a watcher in the synced index when it has examined everything the hub has, else in the unsynced set. */
    void place(Watcher watcher) {
        if (watcher.next > processed) {
            unsynced.remove(watcher);
            if (!watcher.synced) {
                synced.add(watcher);
                watcher.synced = true;
            }
        } else {
            if (watcher.synced) {
                synced.remove(watcher);
                watcher.synced = false;
            }
            unsynced.add(watcher);
        }
    }

    /**
     * Emits the collected events as elements while the subscriber has demand. Returns true
     * when all were emitted (the last element then reports {@code through}); otherwise the
     * watcher's next revision is the first revision not emitted and nothing is kept. The
     * elements are the collector's, built once for every watcher it is delivered to.
     */
    boolean deliver(Watcher watcher, Collector collector, long through) {
        int count = collector.elementCount(settings.maxElementBytes());
        for (int i = 0; i < count; i++) {
            if (watcher.done) {
                return false;
            }
            if (watcher.eventDemand() < 1) {
                watcher.next = collector.firstRevisionOf(i);
                return false;
            }
            send(watcher, collector.element(i, through, revision -> WatchResponse.newBuilder().setHeader(header(revision))));
            watcher.next = collector.lastRevisionOf(i) + 1;
        }
        return !watcher.done;
    }

    /**
     * Sends one element reporting {@code revision} (the subscriber has demand for it). A progress
     * notification reaching the revision a progress request is owed pays that debt.
     */
    void emit(Watcher watcher, WatchResponse.Builder element, long revision) {
        if (element.getProgressNotify() && watcher.progressOwedAt >= 0 && revision >= watcher.progressOwedAt) {
            watcher.progressOwedAt = -1;
            progressOwed.remove(watcher);
        }
        send(watcher, element.setHeader(header(revision)).build());
    }

    /** Sends a built element (the subscriber has demand for it). */
    private void send(Watcher watcher, WatchResponse element) {
        watcher.lastSentNanos = System.nanoTime();
        elementsSent++;
        watcher.sink.next(element);
        watcher.outbound.sent(element.getSerializedSize());
    }

    /** A full response header reporting {@code revision}. */
    ResponseHeader header(long revision) {
        return headers.apply(ResponseHeader.newBuilder().setRevision(revision).build());
    }

    /** Ends a watch with {@code failure} and forgets it. */
    void fail(Watcher watcher, EddyException failure) {
        forget(watcher);
        watcher.done = true;
        watcher.sink.error(failure);
    }

    /** Removes a watcher from the index and the unsynced set. */
    void forget(Watcher watcher) {
        if (watcher.synced) {
            synced.remove(watcher);
            watcher.synced = false;
        }
        unsynced.remove(watcher);
        byId.remove(watcher.id, watcher);
        progressOwed.remove(watcher);
        watcher.registered = false;
    }

    /** Ends every watch with {@code failure}. */
    void failAll(EddyException failure) {
        new ArrayList<>(synced.all()).forEach(w -> fail(w, failure));
        new ArrayList<>(unsynced).forEach(w -> fail(w, failure));
    }

    /** A store read; a failure other than a catalogue error (the store closed or replaced) is UNAVAILABLE. */
    <T> T read(Function<MvccStore, T> action) {
        try {
            return store.read(action);
        } catch (EddyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw EddyException.of(ErrorCode.UNAVAILABLE, "the watch cannot read this member's store: " + e);
        }
    }

    /** Counts one change-log page read. */
    void countLogRead() {
        logReads++;
    }

    WatchStats stats() {
        List<Watcher> behind = new ArrayList<>(unsynced);
        return new WatchStats(synced.size(), behind.size(), heldEvents, processed, elementsSent, logReads,
                behind.stream().mapToLong(w -> w.next).min().orElse(0), progressOwed.size());
    }
}

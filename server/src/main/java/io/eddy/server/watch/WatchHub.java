package io.eddy.server.watch;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.Event;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.Change;
import io.eddy.server.mvcc.ChangePage;
import io.eddy.server.mvcc.MvccStore;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;

/**
 * The watchers of one member (see the package documentation for the model, the guarantees
 * and the memory bound). All watcher state lives on one hub thread; the apply thread and the
 * subscribers' threads only hand it coalesced wake-ups, so writes never wait for watchers.
 */
public final class WatchHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);
    /** Log pages read for synced watchers per hub task, before other tasks get a turn. */
    private static final int FEED_PAGES_PER_TASK = 4;

    private final StoreReader store;
    private final UnaryOperator<ResponseHeader> headers;
    private final WatchSettings settings;
    private final ThreadPoolExecutor hubThread;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean feedScheduled = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong elementsSent = new AtomicLong();
    private final AtomicLong logReads = new AtomicLong();
    private volatile boolean closed;

    // Hub thread only.
    private final WatcherIndex synced = new WatcherIndex();
    private final Set<Watcher> unsynced = new LinkedHashSet<>();
    private long processed = -1;
    private long heldEvents;

    private WatchHub(String member, StoreReader store, UnaryOperator<ResponseHeader> headers, WatchSettings settings) {
        this.store = store;
        this.headers = headers;
        this.settings = settings;
        this.hubThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "eddy-" + member + "-watch"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                "eddy-" + member + "-watch-ticker"));
    }

    /**
     * Starts the hub of a member.
     *
     * @param store   the member's store, read on the hub thread only
     * @param headers completes a header holding only a revision (cluster, member, term)
     */
    public static WatchHub start(String member, StoreReader store, UnaryOperator<ResponseHeader> headers,
            WatchSettings settings) {
        WatchHub hub = new WatchHub(member, store, headers, settings);
        long tick = Math.max(1, settings.progressInterval().toMillis() / 4);
        hub.ticker.scheduleWithFixedDelay(() -> hub.execute(hub::progressTick), tick, tick, TimeUnit.MILLISECONDS);
        return hub;
    }

    /**
     * A cold stream of one watch: nothing is registered before subscription. The first element
     * is the created one; then elements of whole revisions, each sent only against demand.
     * Cancelling unregisters the watcher. Fails with COMPACTED when the start revision (or,
     * later, the watcher's next revision) is compacted, UNAVAILABLE when the hub closes.
     */
    public Flux<WatchResponse> watch(WatchSpec spec) {
        return Flux.create(sink -> {
            Watcher watcher = new Watcher(ids.incrementAndGet(), spec, sink);
            if (closed) {
                sink.error(EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping"));
                return;
            }
            sink.onRequest(n -> wake(watcher));
            sink.onDispose(() -> {
                watcher.done = true;
                execute(() -> forget(watcher));
            });
            execute(() -> register(watcher));
        }, FluxSink.OverflowStrategy.ERROR);
    }

    /** Signals that the store applied an entry (or was replaced). Returns at once: call it from the apply thread. */
    public void onApplied() {
        if (feedScheduled.compareAndSet(false, true)) {
            execute(this::feed);
        }
    }

    /** The hub's state, read on the hub thread. */
    public CompletableFuture<WatchStats> stats() {
        return CompletableFuture.supplyAsync(() -> new WatchStats(synced.size(), unsynced.size(), heldEvents,
                processed, elementsSent.get(), logReads.get(),
                unsynced.stream().mapToLong(w -> w.next).min().orElse(0)), hubThread);
    }

    /** Ends every watch with UNAVAILABLE and stops the hub's threads. */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        try {
            hubThread.execute(() -> {
                EddyException stopping = EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping");
                new ArrayList<>(synced.all()).forEach(w -> fail(w, stopping));
                new ArrayList<>(unsynced).forEach(w -> fail(w, stopping));
            });
        } catch (RejectedExecutionException e) {
            // Already closed.
        }
        hubThread.shutdown();
    }

    private void execute(Runnable task) {
        try {
            hubThread.execute(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    LOG.error("watch hub task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            // Closing: every watcher has been or is being ended.
        }
    }

    private void wake(Watcher watcher) {
        if (!watcher.done && watcher.scheduled.compareAndSet(false, true)) {
            execute(() -> {
                watcher.scheduled.set(false);
                step(watcher);
            });
        }
    }

    private void register(Watcher watcher) {
        if (watcher.done) {
            return;
        }
        if (closed) {
            fail(watcher, EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping"));
            return;
        }
        long[] revisions;
        try {
            revisions = read(s -> new long[] {s.revision(), s.compactRevision()});
        } catch (EddyException e) {
            fail(watcher, e);
            return;
        }
        if (processed < 0) {
            processed = revisions[0];
        }
        long start = watcher.spec.startRevision();
        if (start > 0 && start < revisions[1]) {
            fail(watcher, EddyException.compacted(start, revisions[1]));
            return;
        }
        watcher.next = start > 0 ? start : revisions[0] + 1;
        watcher.createdRevision = watcher.next - 1;
        watcher.registered = true;
        watcher.lastSentNanos = System.nanoTime();
        place(watcher);
        step(watcher);
    }

    /** Puts a watcher in the synced index when it has examined everything the hub has, else in the unsynced set. */
    private void place(Watcher watcher) {
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

    /** On demand or registration: the created element if owed, then one catch-up page for an unsynced watcher. */
    private void step(Watcher watcher) {
        if (watcher.done || !watcher.registered) {
            return;
        }
        if (watcher.createdPending) {
            if (watcher.sink.requestedFromDownstream() < 1) {
                return;
            }
            watcher.createdPending = false;
            emit(watcher, WatchResponse.newBuilder().setCreated(true), watcher.createdRevision);
        }
        if (watcher.synced || watcher.eventDemand() < 1) {
            return;
        }
        ChangePage page;
        try {
            page = read(s -> s.changes(watcher.next, settings.pageEvents(), watcher.spec.prevKv()));
        } catch (EddyException e) {
            fail(watcher, e);
            return;
        }
        logReads.incrementAndGet();
        Collector collector = new Collector();
        for (Change change : page.changes()) {
            for (Event event : change.events()) {
                if (watcher.spec.contains(event.getKv().getKey()) && watcher.spec.accepts(event)) {
                    collector.add(change.revision(), event);
                }
            }
        }
        long through = page.changes().isEmpty() ? Math.max(watcher.next - 1, processed) : page.nextRevision() - 1;
        if (deliver(watcher, collector, through)) {
            watcher.next = Math.max(watcher.next, through + 1);
        }
        place(watcher);
        if (!watcher.synced && watcher.eventDemand() > 0) {
            wake(watcher);
        }
    }

    /** On an applied signal: feeds the synced watchers from shared log pages up to the store's revision. */
    private void feed() {
        feedScheduled.set(false);
        try {
            feedUpTo(read(MvccStore::revision));
        } catch (EddyException e) {
            LOG.warn("watch hub cannot feed its synced watchers; ending them: {}", e.getMessage());
            synced.all().forEach(watcher -> fail(watcher, e));
        }
    }

    private void feedUpTo(long target) {
        if (processed < 0) {
            processed = target;
        }
        for (int pages = 0; processed < target && pages < FEED_PAGES_PER_TASK; pages++) {
            if (synced.isEmpty()) {
                processed = target;
                break;
            }
            ChangePage page;
            try {
                page = read(s -> s.changes(processed + 1, settings.pageEvents(), synced.anyPrevKv()));
            } catch (EddyException e) {
                if (e.code() != ErrorCode.COMPACTED) {
                    throw e;
                }
                long compact = e.error().getCompactRevision();
                for (Watcher watcher : synced.all()) {
                    if (Math.max(watcher.next, processed + 1) < compact) {
                        fail(watcher, e);
                    }
                }
                processed = Math.max(processed, compact - 1);
                continue;
            }
            logReads.incrementAndGet();
            if (page.changes().isEmpty()) {
                processed = target;
                break;
            }
            feedPage(page);
        }
        if (processed < target) {
            onApplied();
        }
    }

    private void feedPage(ChangePage page) {
        List<Watcher> touched = new ArrayList<>();
        for (Change change : page.changes()) {
            long revision = change.revision();
            for (Event event : change.events()) {
                Event[] stripped = {null};
                synced.forEachMatch(event.getKv().getKey(), watcher -> {
                    if (revision < watcher.next || watcher.done || !watcher.spec.accepts(event)) {
                        return;
                    }
                    if (watcher.collecting == null) {
                        watcher.collecting = new Collector();
                        touched.add(watcher);
                    }
                    Event delivered = event;
                    if (!watcher.spec.prevKv() && event.hasPrevKv()) {
                        if (stripped[0] == null) {
                            stripped[0] = event.toBuilder().clearPrevKv().build();
                        }
                        delivered = stripped[0];
                    }
                    watcher.collecting.add(revision, delivered);
                    heldEvents++;
                });
            }
        }
        long through = page.nextRevision() - 1;
        processed = through;
        for (Watcher watcher : touched) {
            Collector collector = watcher.collecting;
            watcher.collecting = null;
            heldEvents -= collector.size();
            if (deliver(watcher, collector, through)) {
                watcher.next = Math.max(watcher.next, through + 1);
            }
            place(watcher);
            if (!watcher.synced) {
                wake(watcher);
            }
        }
    }

    /**
     * Emits the collected events as elements while the subscriber has demand. Returns true
     * when all were emitted (the last element then reports {@code through}); otherwise the
     * watcher's next revision is the first revision not emitted and nothing is kept.
     */
    private boolean deliver(Watcher watcher, Collector collector, long through) {
        int from = 0;
        while (from < collector.size()) {
            if (watcher.done) {
                return false;
            }
            if (watcher.eventDemand() < 1) {
                watcher.next = collector.revisionAt(from);
                return false;
            }
            int end = collector.elementEnd(from, settings.maxElementBytes());
            WatchResponse.Builder element = WatchResponse.newBuilder();
            for (int i = from; i < end; i++) {
                element.addEvents(collector.eventAt(i));
            }
            emit(watcher, element, end == collector.size() ? through : collector.revisionAt(end - 1));
            watcher.next = collector.revisionAt(end - 1) + 1;
            from = end;
        }
        return !watcher.done;
    }

    private void progressTick() {
        long now = System.nanoTime();
        long interval = settings.progressInterval().toNanos();
        for (Watcher watcher : synced.all()) {
            if (watcher.spec.progressNotify() && !watcher.done && !watcher.createdPending
                    && now - watcher.lastSentNanos >= interval && watcher.eventDemand() > 0
                    && processed >= watcher.next - 1) {
                emit(watcher, WatchResponse.newBuilder().setProgressNotify(true), processed);
            }
        }
    }

    private void emit(Watcher watcher, WatchResponse.Builder element, long revision) {
        element.setHeader(headers.apply(ResponseHeader.newBuilder().setRevision(revision).build()));
        watcher.lastSentNanos = System.nanoTime();
        elementsSent.incrementAndGet();
        watcher.sink.next(element.build());
    }

    private void fail(Watcher watcher, EddyException failure) {
        forget(watcher);
        watcher.done = true;
        watcher.sink.error(failure);
    }

    private void forget(Watcher watcher) {
        if (watcher.synced) {
            synced.remove(watcher);
            watcher.synced = false;
        }
        unsynced.remove(watcher);
        watcher.registered = false;
    }

    /** A store read; a failure other than a catalogue error (the store closed or replaced) is UNAVAILABLE. */
    private <T> T read(java.util.function.Function<MvccStore, T> action) {
        try {
            return store.read(action);
        } catch (EddyException e) {
            throw e;
        } catch (RuntimeException e) {
            throw EddyException.of(ErrorCode.UNAVAILABLE, "the watch cannot read this member's store: " + e);
        }
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}

package io.eddy.server.watch;

import io.eddy.protocol.ErrorCode;
import io.eddy.protocol.ResponseHeader;
import io.eddy.protocol.WatchProgressResponse;
import io.eddy.protocol.WatchResponse;
import io.eddy.server.errors.EddyException;
import io.eddy.server.mvcc.MvccStore;
import java.util.List;
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
 *
 * <p>This class owns the hub thread, the wake-ups and registration; {@link SyncedFeed} feeds
 * synced watchers from shared log pages, {@link CatchUp} steps a watcher on demand (the created
 * element and an unsynced watcher's own log reads), {@link Watchers} holds the shared state.
 */
public final class WatchHub implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(WatchHub.class);

    /** Most watch ids one progress request may name (a member holds 100,000 watches by default). */
    public static final int MAX_PROGRESS_IDS = 100_000;

    private final ThreadPoolExecutor hubThread;
    private final ScheduledExecutorService ticker;
    private final AtomicBoolean feedScheduled = new AtomicBoolean();
    private final AtomicLong ids = new AtomicLong();
    private volatile boolean closed;
    /** Runs on the hub thread at the start of each feed; tests make the hub lag with it. */
    private volatile Runnable beforeFeed = () -> { };

    // Hub thread only.
    private final Watchers watchers;
    private final SyncedFeed feed;
    private final CatchUp catchUp;
    private final ProgressRequests progress;

    private WatchHub(String member, StoreReader store, UnaryOperator<ResponseHeader> headers, WatchSettings settings) {
        this.hubThread = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(),
                runnable -> daemon(runnable, "eddy-" + member + "-watch"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(runnable -> daemon(runnable,
                "eddy-" + member + "-watch-ticker"));
        this.watchers = new Watchers(store, headers, settings);
        this.feed = new SyncedFeed(watchers, this::wake);
        this.catchUp = new CatchUp(watchers, this::wake);
        this.progress = new ProgressRequests(watchers);
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
        hub.ticker.scheduleWithFixedDelay(() -> hub.execute(hub.feed::progressTick), tick, tick,
                TimeUnit.MILLISECONDS);
        // Take a position in the log now, so the compactor need not wait for a first write.
        hub.onApplied();
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
            Outbound outbound = sink.contextView().getOrDefault(Outbound.class, Outbound.UNLIMITED);
            Watcher watcher = new Watcher(ids.incrementAndGet(), spec, sink, outbound, this::wake);
            if (closed) {
                sink.error(EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping"));
                return;
            }
            sink.onRequest(n -> wake(watcher));
            sink.onDispose(() -> {
                watcher.done = true;
                execute(() -> watchers.forget(watcher));
            });
            execute(() -> register(watcher));
        }, FluxSink.OverflowStrategy.ERROR);
    }

    /**
     * Asks for one progress notification on each watch of this hub named in {@code ids} (the
     * ids of their created elements; etcd's RequestProgress). Returns at once: the request is
     * handed to the hub thread, and the future completes there, once the hub has taken it,
     * with the answer of route {@code watch.progress}: the store's revision then, and how many
     * distinct ids name a live watch (unknown ids are ignored). It fails with UNAVAILABLE when
     * the hub is closing or cannot read the store.
     *
     * <p>Each named watch then gets a progress notification ({@code progress_notify}, no events)
     * whose header revision is the hub's processed revision, at least the store's revision when
     * the hub took the request, once the watch is synced (every event up to that revision was
     * delivered) and its subscriber has demand: at once if so, otherwise as soon as it is.
     * Whatever the watch's own {@code progress_notify} flag. Requests made before it leaves
     * coalesce into one notification. More than {@link #MAX_PROGRESS_IDS} ids fail with
     * INVALID_ARGUMENT before the hub sees them (the hub thread's work and the copy stay bounded).
     */
    public CompletableFuture<WatchProgressResponse> requestProgress(List<Long> ids) {
        CompletableFuture<WatchProgressResponse> taken = new CompletableFuture<>();
        if (ids.size() > MAX_PROGRESS_IDS) {
            taken.completeExceptionally(EddyException.of(ErrorCode.INVALID_ARGUMENT, "a progress request names "
                    + ids.size() + " watches; at most " + MAX_PROGRESS_IDS + " per request"));
            return taken;
        }
        List<Long> named = List.copyOf(ids);
        if (closed) {
            taken.completeExceptionally(EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping"));
            return taken;
        }
        try {
            hubThread.execute(() -> {
                try {
                    taken.complete(progress.request(named));
                } catch (RuntimeException e) {
                    taken.completeExceptionally(e instanceof EddyException ? e
                            : EddyException.of(ErrorCode.UNAVAILABLE, "the watch hub failed: " + e));
                }
            });
        } catch (RejectedExecutionException e) {
            taken.completeExceptionally(EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping"));
        }
        return taken;
    }

    /** Signals that the store applied an entry (or was replaced). Returns at once: call it from the apply thread. */
    public void onApplied() {
        if (feedScheduled.compareAndSet(false, true)) {
            execute(this::feed);
        }
    }

    /**
     * The revision up to which the hub has read the change log for its synced watchers (-1 before
     * its first read). Any thread; returns at once. The background compactor holds a new pass to
     * compact revision {@code C} back until this reaches {@code C - 1} (bounded by
     * {@code watch.compaction-wait}), because the synced feed reads below {@code C} until then.
     */
    public long processedRevision() {
        return watchers.processed;
    }

    /** The hub's state, read on the hub thread. */
    public CompletableFuture<WatchStats> stats() {
        return CompletableFuture.supplyAsync(watchers::stats, hubThread);
    }

    /** Ends every watch with UNAVAILABLE and stops the hub's threads. */
    @Override
    public void close() {
        closed = true;
        ticker.shutdownNow();
        try {
            hubThread.execute(() -> watchers.failAll(EddyException.of(ErrorCode.UNAVAILABLE,
                    "the member is stopping")));
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
                watcher.waitingForOutbound = false;
                catchUp.step(watcher);
                progress.sendIfDue(watcher);
            });
        }
    }

    private void register(Watcher watcher) {
        if (watcher.done) {
            return;
        }
        if (closed) {
            watchers.fail(watcher, EddyException.of(ErrorCode.UNAVAILABLE, "the member is stopping"));
            return;
        }
        long[] revisions;
        try {
            revisions = watchers.read(s -> new long[] {s.revision(), s.compactRevision()});
        } catch (EddyException e) {
            watchers.fail(watcher, e);
            return;
        }
        if (watchers.processed < 0) {
            watchers.processed = revisions[0];
        }
        long start = watcher.spec.startRevision();
        if (start > 0 && start < revisions[1]) {
            watchers.fail(watcher, EddyException.compacted(start, revisions[1]));
            return;
        }
        watcher.next = start > 0 ? start : revisions[0] + 1;
        watcher.createdRevision = watcher.next - 1;
        watcher.registered = true;
        watcher.lastSentNanos = System.nanoTime();
        watchers.byId.put(watcher.id, watcher);
        watchers.place(watcher);
        catchUp.step(watcher);
    }

    /** On an applied signal: feeds the synced watchers from shared log pages up to the store's revision. */
    private void feed() {
        feedScheduled.set(false);
        beforeFeed.run();
        try {
            boolean behind = feed.feedUpTo(watchers.read(MvccStore::revision));
            progress.sendDue();
            if (behind) {
                onApplied();
            }
        } catch (EddyException e) {
            LOG.warn("watch hub cannot feed its synced watchers; ending them: {}", e.getMessage());
            watchers.synced.all().forEach(watcher -> watchers.fail(watcher, e));
        }
    }

    /** Test hook: {@code hook} runs on the hub thread at the start of each feed (it may block to make the hub lag). */
    void beforeFeed(Runnable hook) {
        this.beforeFeed = java.util.Objects.requireNonNull(hook, "hook");
    }

    private static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}

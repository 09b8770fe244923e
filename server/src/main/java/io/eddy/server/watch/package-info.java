/**
 * Watches: change streams of a key, prefix or range with backpressure end to end
 * ({@link io.eddy.server.watch.WatchHub}, one per member; served by the {@code watch} route).
 *
 * <h2>Model</h2>
 * A watcher selects a range ({@link io.eddy.server.watch.WatchSpec}) and has one position:
 * {@code next}, the first revision not yet examined for it. The change log
 * ({@code MvccStore.changes}) is the only source of events; the hub never copies events
 * into per-watcher buffers. A watcher is in one of two states:
 * <ul>
 *   <li><b>synced</b>: it has examined everything the hub has processed ({@code next > processed}).
 *       It sits in the {@link io.eddy.server.watch.WatcherIndex}. When the state machine applies
 *       an entry it calls {@link io.eddy.server.watch.WatchHub#onApplied()} (a coalesced hand-off,
 *       nothing else on the apply thread); the hub thread then reads the new revisions from the
 *       log in pages of {@code pageEvents} events, <em>one read per page shared by every synced
 *       watcher</em> (previous versions looked up only for the keys of some synced prevKv
 *       watcher), matches each event against the index and gives each touched watcher its
 *       events as elements, as far as its demand goes.</li>
 *   <li><b>unsynced</b>: it started in the past, or a matching revision came while it had no
 *       demand, or its element would not fit its demand. It keeps only {@code next}. Whenever it
 *       has demand it reads one page of the log from {@code next} itself (one read per hub step,
 *       steps of different watchers interleave; previous versions only for its own keys),
 *       emits what matches, and rejoins the synced index once {@code next} passes the hub's
 *       processed revision. Watchers without prevKv share their reads: the last
 *       {@code CatchUp.SHARED_PAGES} (4) non-empty pages are kept by start revision, so a crowd
 *       of stalled watchers that gets demand back at the same revision costs one read per page,
 *       not one per watcher (bounded: at most 4 pages of {@code pageEvents} events).</li>
 * </ul>
 * Code: {@link io.eddy.server.watch.WatchHub} owns the hub thread, the coalesced wake-ups and
 * registration; {@code SyncedFeed} feeds the synced watchers (and sends idle progress);
 * {@code ProgressRequests} keeps and pays the progress notifications asked for on request;
 * {@code CatchUp} steps one watcher on demand (the created element, an unsynced watcher's own
 * reads); {@code Watchers} holds the state they share (index, unsynced set, processed revision,
 * emitting and ending watches).
 * All watcher state is confined to the hub thread; subscribers' threads only signal demand and
 * cancellation, the apply thread only signals progress. Writes never wait for watchers.
 *
 * <h2>Elements</h2>
 * The first element of a watch is {@code created} (header revision = start - 1, and
 * {@code watch_id}: the hub's id of the watch, unique on this member while it runs, counted
 * from 1). Then each element holds the events of one or more <em>whole</em> revisions, at most
 * {@link io.eddy.server.watch.WatchSettings#maxElementBytes()} (1 MiB) of them unless one
 * revision alone is larger (it then goes alone, in one element; RSocket fragments it on the
 * wire). An element's header revision says that every event of this watch up to it has been
 * delivered, so a resumed watch continues at header revision + 1. An element leaves only
 * against demand (RSocket {@code REQUEST_N}); the sink is created with
 * {@code OverflowStrategy.ERROR}, so emitting without demand would fail the stream, not buffer.
 *
 * <h2>Guarantees</h2>
 * Ordered (ascending revisions), no duplicates, no gaps, atomic per revision (a revision is
 * never split across elements), resumable from any revision not compacted. Start revision
 * &lt;= 0: after the member's current revision; in the past: replayed from the log; in the
 * future: waited for. Compaction past an unsynced watcher's {@code next} ends it with
 * {@code COMPACTED} and the compact revision (also when the start revision is already
 * compacted); a synced watcher that kept up is fed the revisions below the compact revision
 * first (see "Compaction while the hub lags"). Filters (no put / no delete) and prevKv
 * (filled while the previous version is still stored). Progress notifications (when asked for): after
 * {@code watch.progress-interval} (default 10 s) without an element, only to a synced watcher
 * with demand, with header revision = the hub's processed revision, which the watcher has
 * fully examined: a progress notification never jumps over an undelivered event. Cancelling
 * the stream unregisters the watcher. Closing the hub ends every watch with
 * {@code UNAVAILABLE} (the client resumes elsewhere). A member holds at most
 * {@code api.max-watches} (100,000) watches, admitted by the API apart from the requests in
 * flight; one more is refused with TOO_MANY_REQUESTS.
 *
 * <h2>Progress on request</h2>
 * {@link io.eddy.server.watch.WatchHub#requestProgress} (route {@code watch.progress}, etcd's
 * RequestProgress) names watches by the ids of their created elements. On the hub thread, each
 * live watcher named becomes owed one notification that must report at least {@code T}, the
 * store's revision when the hub took the request; unknown or ended ids are ignored, and the
 * answer (sent once the hub has taken the request, not when the notifications leave) says how
 * many ids were known, with {@code T} as its header revision. The notification is a
 * {@code progress_notify} element with the hub's processed revision {@code P}, sent, whatever
 * the watch's own {@code progress_notify} flag, as soon as all of these hold: the watcher is
 * synced (so it has examined every revision up to {@code P} and delivered what matched), it is
 * at its position ({@code P >= next - 1}, which a watch starting in the future reaches only
 * when the store does), {@code P >= T}, and the subscriber has demand. At once when they hold
 * at the request; otherwise the hub checks again after each feed (P moves) and after each step
 * of that watcher (demand returned, catch-up rejoined the index). So a stalled watcher receives
 * its pending events first and the notification after them, never a revision beyond an
 * undelivered event. Several requests before it leaves make one notification (owed revision =
 * the highest {@code T}); any progress notification reaching it (a periodic one too) pays the
 * debt. An element of events does <em>not</em> pay it, although its header revision is as
 * truthful: the Java client turns an element into per-revision batches and does not show its
 * header revision, so a subscriber could not tell it answers the request. Cost: a store
 * revision read and a hash lookup per id, per request (at most
 * {@link io.eddy.server.watch.WatchHub#MAX_PROGRESS_IDS} ids, 100,000, else INVALID_ARGUMENT
 * before the hub sees it); a watcher owes at most one notification
 * ({@link io.eddy.server.watch.WatchStats#progressOwed()} counts those waiting). Ids are
 * member-wide, not per connection: a request naming another client's watch costs that watch
 * one truthful notification (the same as a periodic one), nothing else.
 *
 * <h2>Compaction while the hub lags</h2>
 * Compaction is two-phase: the command makes history below the compact revision {@code C}
 * unreadable at once ({@code MvccStore.changes} fails with COMPACTED from then on), the
 * background compactor removes it later. The hub reads the log <em>after</em> the apply, so a
 * compaction to {@code C} may apply while the hub's processed revision {@code P} is below
 * {@code C - 1} (revisions {@code P+1 .. C-1} applied but not yet read by the hub; the hub lags
 * by the revisions applied since its last feed: normally one apply batch, more while it is busy
 * with many watchers). Contract:
 * <ul>
 *   <li>The synced feed reads with {@code MvccStore.retainedChanges}, which refuses only history
 *       whose physical removal has started ({@code retainedRevision()}), not all history below
 *       {@code C}; the floor and the log come from one read transaction, so a removal racing the
 *       read cannot tear it (the invariant is stated in {@code mvcc.Compactor}). Only the hub
 *       reads this way; every other reader, and an unsynced watcher's own catch-up, reads with
 *       {@code changes} and sees {@code C} at once.</li>
 *   <li>The background compactor starts a pass to {@code C} only once
 *       {@link io.eddy.server.watch.WatchHub#processedRevision()} has reached {@code C - 1} (the
 *       step checks the target against that limit in its own write transaction, so a compaction
 *       applied in between is held as well). It waits by skipping ticks, never on the apply
 *       thread, an event loop or a lock that writes need ({@code EddyNode.compactionWaiting()}
 *       says when it does). A pass already under way (after a restart) goes on: the hub cannot
 *       read below it anyway. The hub takes its position when it starts, so a pending
 *       compaction does not wait for a first write.</li>
 *   <li>So a synced watcher that kept up gets every revision below {@code C} it is owed, in
 *       order, and is not ended. An unsynced watcher (or one that becomes unsynced on the way,
 *       for lack of demand) whose own next revision is below {@code C} ends with COMPACTED and
 *       the compact revision, as etcd's do; the client surfaces it as a
 *       {@code RevisionException}.</li>
 *   <li>The wait is bounded by {@code watch.compaction-wait} (default 5 s). After it the
 *       compactor logs a warning once and removes the history; the synced watchers whose
 *       position {@code max(next, P + 1)} is still below {@code C} then end with COMPACTED and the
 *       compact revision, the others are fed from {@code C}. It takes a hub seconds behind (a
 *       loaded member with very many watchers), not a slow subscriber: the hub never waits for
 *       one.</li>
 * </ul>
 *
 * <h2>Why synced watchers read the log rather than the applied batch</h2>
 * The apply thread hands the hub only a coalesced signal, never events: building events there
 * would cost the write path, and a hand-off queue would either be unbounded or fall back to the
 * log when full (two paths to keep consistent). One shared read per page of up to
 * {@code pageEvents} events serves every synced watcher, so its cost is per event, not per
 * watcher, and the recent log is in the engine's cache. This keeps the memory bound simple:
 * between hub tasks nothing but positions is held.
 *
 * <h2>Memory bound</h2>
 * Per watcher, between hub steps: the {@code Watcher} object, its spec (the key and range end)
 * and its sink, about 200 bytes plus the key bytes, whatever the subscriber does: no event is
 * held for a watcher ({@link io.eddy.server.watch.WatchStats#heldEvents()} is 0 between steps).
 * During one step: one log page (about {@code pageEvents} events, more only when one revision
 * alone has more) and the elements built from it, each at most {@code maxElementBytes} (they
 * share the page's event objects). Past the hub, RSocket holds only what the requester asked
 * for, and no more than its connection carries: demand alone would let a crowd of watchers
 * with demand fill a slow connection's (unbounded) send queue, so each watcher also has its
 * connection's {@link io.eddy.server.watch.Outbound}; while the connection is full (256 KiB
 * handed over and not yet passed to a writable socket, see the API's {@code ChannelOutbound})
 * the watcher counts as having no demand and keeps only its cursor, and it is woken when the
 * connection drains. A slow subscriber, or a slow network, costs a cursor, not a buffer.
 *
 * <h2>Fan-out: one element per cohort</h2>
 * Watchers with the same range, filters and prevKv form a cohort ({@code WatchSpec.Cohort}).
 * In the synced feed, the members of a cohort whose next revision is at or before the page's
 * first revision are given exactly the same events, so they share one {@code Collector}: each
 * event is gathered once per cohort and each element is built once, and the API encodes an
 * element sent to many watchers in a row once (a one-entry cache per thread in
 * {@code ApiResponder}). Per watcher there remains the match, the demand check and the
 * RSocket frame. With the client asking for a few elements ahead of its subscriber's demand,
 * a keeping-up watcher stays synced from one applied batch to the next.
 *
 * <h2>Matching cost</h2>
 * Single-key watchers: a hash lookup per event. Range and prefix watchers: grouped by identical
 * range in a map ordered by start key; each event scans the distinct ranges that start at or
 * before its key (linear in their number; an interval tree is the next step if many distinct
 * ranges matter). An unsynced watcher catching up reads every event of the log from its
 * {@code next} and filters by key itself.
 *
 * <h2>Worked example</h2>
 * Store at revision 10. Watcher A on prefix {@code a/} from now ({@code next} = 11, synced);
 * watcher B on key {@code b} from revision 5 (unsynced, {@code next} = 5). The subscriber of A
 * requested 1 element (taken by {@code created}); B's requested 10. B's step reads revisions
 * 5..10 from the log, emits one element with the events of {@code b} among them (header 10),
 * and joins the index with {@code next} = 11. A txn at revision 11 writes {@code a/1} and
 * {@code a/2}; the hub reads revision 11 once, matches both events to A, but A has no demand:
 * A becomes unsynced with {@code next} = 11 and holds nothing. B did not match and stays synced.
 * When A's subscriber requests 1, A's step reads from 11 and emits one element with both events
 * (header 11), and A is synced again.
 *
 * <h2>Not yet</h2>
 * Fragmenting a revision larger than a frame into several elements ({@code fragment}), feeding
 * synced watchers from the applied batch in memory instead of a log read, sharing catch-up reads
 * between unsynced watchers at the same revision, an interval tree for many distinct ranges, and
 * progress requests scoped to the requesting connection (ids are member-wide now).
 */
package io.eddy.server.watch;

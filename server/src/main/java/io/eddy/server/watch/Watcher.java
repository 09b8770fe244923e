package io.eddy.server.watch;

import io.eddy.protocol.WatchResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import reactor.core.publisher.FluxSink;

/**
 * One watch on the hub: its spec, its subscriber and its position. Everything but
 * {@link #done} and {@link #scheduled} belongs to the hub thread.
 *
 * <p>The position is {@link #next}, the first revision not yet examined for this watcher, and
 * nothing else: a watcher never holds events between two hub tasks (see the package
 * documentation for the states).
 */
final class Watcher {
    final long id;
    final WatchSpec spec;
    /** {@code spec.cohort()}, kept so that the synced feed can share collectors without rebuilding it. */
    final WatchSpec.Cohort cohort;
    final FluxSink<WatchResponse> sink;
    /** The connection the elements leave through (see {@link Outbound}). */
    final Outbound outbound;
    /** Wakes this watcher on the hub thread; given to {@link Outbound#whenOpen} while the connection is full. */
    final Runnable wakeUp;
    /** Waiting for its connection to open (hub thread). */
    boolean waitingForOutbound;
    /** Set by a pending wake-up task until it runs, so that demand signals coalesce. */
    final AtomicBoolean scheduled = new AtomicBoolean();
    /** Cancelled by the subscriber or ended by the hub: nothing more is emitted. */
    volatile boolean done;

    /** Registered with the hub (its start position is known). */
    boolean registered;
    /** The created element is owed: it goes out before anything else, on the first demand. */
    boolean createdPending = true;
    /** The revision the created element reports (the start position minus one). */
    long createdRevision;
    /**
     * Synced: in the hub's index, fed at each applied revision from the hub's shared log reads;
     * its position is {@code max(next, hub's processed + 1)}. Unsynced: reads the log itself
     * from {@link #next} when it has demand.
     */
    boolean synced;
    long next;
    /** When this watcher last emitted an element (for progress notifications). */
    long lastSentNanos;
    /**
     * The revision a progress notification on request must reach, or -1 when none is owed
     * (see {@link ProgressRequests}).
     */
    long progressOwedAt = -1;
    /** Events gathered for this watcher during the current hub task (maybe shared with its cohort); null outside it. */
    Collector collecting;

    /** @param wake schedules a step of a watcher on the hub thread (used when its connection opens) */
    Watcher(long id, WatchSpec spec, FluxSink<WatchResponse> sink, Outbound outbound, Consumer<Watcher> wake) {
        this.id = id;
        this.spec = spec;
        this.cohort = spec.cohort();
        this.sink = sink;
        this.outbound = outbound;
        this.wakeUp = () -> wake.accept(this);
    }

    /**
     * Elements the subscriber may still receive now, not counting a created element that is
     * owed: its demand, or 0 while its connection is full (the watcher is then woken when the
     * connection opens). Hub thread only.
     */
    long eventDemand() {
        long requested = sink.requestedFromDownstream();
        long demand = createdPending ? requested - 1 : requested;
        if (demand > 0 && !outbound.open()) {
            if (!waitingForOutbound) {
                waitingForOutbound = true;
                outbound.whenOpen(wakeUp);
            }
            return 0;
        }
        return demand;
    }

    @Override
    public String toString() {
        return "watcher " + id + " [" + spec.key().toStringUtf8() + ", next " + next + (synced ? ", synced]"
                : ", unsynced]");
    }
}

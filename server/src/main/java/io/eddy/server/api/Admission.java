package io.eddy.server.api;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded count of interactions in flight (one per member, one per connection): taking a
 * slot never waits, it succeeds or is refused at once. Thread-safe.
 */
final class Admission {
    private final int limit;
    private final AtomicInteger inFlight = new AtomicInteger();

    /** A count that admits at most {@code limit} (at least 1) interactions at a time. */
    Admission(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("admission limit must be at least 1, got " + limit);
        }
        this.limit = limit;
    }

    /** Takes a slot when one is free; {@code false} (and nothing taken) when the limit is reached. */
    boolean tryAcquire() {
        while (true) {
            int current = inFlight.get();
            if (current >= limit) {
                return false;
            }
            if (inFlight.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Gives back a slot taken by {@link #tryAcquire}.
     *
     * @throws IllegalStateException when more slots are given back than were taken (a bug)
     */
    void release() {
        if (inFlight.decrementAndGet() < 0) {
            inFlight.incrementAndGet();
            throw new IllegalStateException("admission slot released twice");
        }
    }

    /** The slots taken now. */
    int inFlight() {
        return inFlight.get();
    }

    /** The most slots that can be taken at once. */
    int limit() {
        return limit;
    }
}

package io.eddy.loadtests.node;

import io.eddy.client.WatchBatch;
import io.eddy.client.WatchEvent;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.SignalType;

/**
 * A watch subscriber that requests nothing until {@link #release()}, then takes everything
 * and checks, as batches arrive (nothing is stored), that they are exactly the expected
 * revisions in order, each with its expected number of PUT events of that revision. Counts
 * down {@code finished} once: when the last expected revision arrived, or at the first
 * mismatch or error (then {@link #problem()} says what).
 */
final class StalledWatcher extends BaseSubscriber<WatchBatch> {
    private volatile long[] revisions = new long[0];
    private volatile int[] events = new int[0];
    private final CountDownLatch finished;
    private final AtomicLong lastFinishNanos;
    private volatile boolean released;
    private volatile String problem;
    private volatile long beforeRelease;
    private int next;
    private boolean done;

    /** A subscriber that counts down {@code finished} and raises {@code lastFinishNanos} when it is done. */
    StalledWatcher(CountDownLatch finished, AtomicLong lastFinishNanos) {
        this.finished = finished;
        this.lastFinishNanos = lastFinishNanos;
    }

    @Override
    protected void hookOnSubscribe(Subscription subscription) {
        // No demand: the member must keep this watcher as a cursor, not a buffer.
    }

    /**
     * From now on expects {@code revisions} (ascending) with {@code events[i]} events each, and
     * gives unbounded demand (callable from any thread).
     */
    void release(long[] revisions, int[] events) {
        this.revisions = revisions;
        this.events = events;
        released = true;
        request(Long.MAX_VALUE);
    }

    @Override
    protected void hookOnNext(WatchBatch batch) {
        long[] revisions = this.revisions;
        int[] events = this.events;
        if (done) {
            fail("a batch after the last expected revision: " + batch.revision());
            return;
        }
        if (!released) {
            beforeRelease++;
        }
        if (next >= revisions.length) {
            fail("unexpected revision " + batch.revision());
            return;
        }
        if (batch.revision() != revisions[next]) {
            fail("expected revision " + revisions[next] + " (#" + next + "), got " + batch.revision());
            return;
        }
        if (batch.events().size() != events[next]) {
            fail("revision " + batch.revision() + ": expected " + events[next] + " events, got "
                    + batch.events().size());
            return;
        }
        for (WatchEvent event : batch.events()) {
            if (event.type() != WatchEvent.Type.PUT || event.revision() != batch.revision()) {
                fail("revision " + batch.revision() + ": unexpected event " + event.type() + " at " + event.revision());
                return;
            }
        }
        if (++next == revisions.length) {
            done = true;
            lastFinishNanos.accumulateAndGet(System.nanoTime(), Math::max);
            finished.countDown();
        }
    }

    @Override
    protected void hookOnError(Throwable error) {
        fail("watch failed: " + error);
    }

    @Override
    protected void hookFinally(SignalType type) {
        if (!done && type == SignalType.ON_COMPLETE) {
            fail("watch completed after " + next + " of " + revisions.length + " revisions");
        }
    }

    private void fail(String message) {
        if (problem == null) {
            problem = message;
        }
        if (!done) {
            done = true;
            finished.countDown();
        }
        cancel();
    }

    /** Null while every batch matched; else the first problem. */
    String problem() {
        return problem;
    }

    /** Revisions received so far. */
    int received() {
        return next;
    }

    /** Batches delivered before {@link #release()} (must be 0: the subscriber asked for none). */
    long beforeRelease() {
        return beforeRelease;
    }
}

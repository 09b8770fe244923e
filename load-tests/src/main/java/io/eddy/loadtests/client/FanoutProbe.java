package io.eddy.loadtests.client;

import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * One watch of {@link WatchFanoutBenchmark}: records, per event, the delay from the write's
 * acknowledgement (the writer's ack time for that revision, 0 when the event came first) and
 * from the write's send (the stamp in the value) to receipt, into shared recorders (µs), and
 * keeps what the end-of-run checks need: the last revision, the events counted and revisions
 * that did not ascend. Events are delivered one at a time per watch; the main thread reads
 * the volatile fields.
 */
final class FanoutProbe implements FanoutTarget.EventSink {
    /** The stamp of a readiness marker write (not a measured event). */
    static final long MARKER = Long.MIN_VALUE;

    private final Shared shared;
    private final int key;
    private volatile long lastRevision;
    private volatile long events;
    private volatile long disorder;
    private volatile boolean ready;
    private volatile Throwable error;

    /** @param key the index of the one key this probe watches, or -1 when it watches the whole prefix */
    FanoutProbe(Shared shared, int key) {
        this.shared = shared;
        this.key = key;
    }

    /** The index of the one key watched, or -1 for the whole prefix. */
    int key() {
        return key;
    }

    /** What every probe writes to: the recorders, counters and the writer's ack times by revision. */
    record Shared(Recorder ackToReceipt, Recorder sendToReceipt, LongAdder events, LongAdder early,
            Map<Long, Long> ackNanos) {
        Shared(Map<Long, Long> ackNanos) {
            this(new Recorder(3), new Recorder(3), new LongAdder(), new LongAdder(), ackNanos);
        }
    }

    @Override
    public void onEvent(long revision, long stamp) {
        long now = System.nanoTime();
        if (revision <= lastRevision) {
            disorder++;
        }
        lastRevision = revision;
        if (stamp == MARKER) {
            ready = true;
            return;
        }
        events++;
        shared.events.increment();
        shared.sendToReceipt.recordValue(Math.max(0, now - stamp) / 1000);
        Long ack = shared.ackNanos.get(revision);
        if (ack == null || ack > now) {
            shared.early.increment();
            shared.ackToReceipt.recordValue(0);
        } else {
            shared.ackToReceipt.recordValue((now - ack) / 1000);
        }
    }

    @Override
    public void onError(Throwable failure) {
        error = failure;
    }

    long lastRevision() {
        return lastRevision;
    }

    /** Measured events received (markers not counted). */
    long events() {
        return events;
    }

    /** Events whose revision was not above the previous one (must be 0). */
    long disorder() {
        return disorder;
    }

    boolean ready() {
        return ready;
    }

    Throwable error() {
        return error;
    }
}

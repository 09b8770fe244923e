package io.eddy.loadtests.robustness.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/** Collects a run's operations and watch sessions from many threads; {@link #history()} is a snapshot. */
public final class HistoryRecorder {
    private final AtomicInteger ids = new AtomicInteger();
    private final ConcurrentLinkedQueue<Operation> operations = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<WatchSession> sessions = new ConcurrentLinkedQueue<>();
    private final java.util.concurrent.atomic.AtomicLong recorded = new java.util.concurrent.atomic.AtomicLong();

    /** A new operation id. */
    public int nextId() {
        return ids.getAndIncrement();
    }

    /** Records a completed (or given up) operation. */
    public void add(Operation op) {
        operations.add(op);
        recorded.incrementAndGet();
    }

    /** How many operations were recorded so far (cheap: for progress lines). */
    public long operationCount() {
        return recorded.get();
    }

    /** Records an ended watch session. */
    public void add(WatchSession session) {
        sessions.add(session);
    }

    /** The operations by id and the sessions by id, recorded so far. */
    public History history() {
        List<Operation> ops = new ArrayList<>(operations);
        ops.sort(Comparator.comparingInt(Operation::id));
        List<WatchSession> watches = new ArrayList<>(sessions);
        watches.sort(Comparator.comparingInt(WatchSession::id));
        return new History(ops, watches);
    }
}

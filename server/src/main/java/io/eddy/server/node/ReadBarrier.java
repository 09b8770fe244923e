package io.eddy.server.node;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Batches linearizable reads: one Raft ReadIndex round (a "barrier") serves every read that
 * was waiting when the round was sent, as etcd's read loop does, instead of one round per read.
 *
 * <p>Contract: the future of {@link #pass()} completes after a barrier <em>sent after the call</em>
 * has passed, that is once this member has applied everything the cluster had committed at
 * some moment after the call. A local read started then sees every write that completed
 * before the call: it is linearizable.
 *
 * <p>How: at most one round is in flight. A call while none is starts one for itself; a call
 * while one is in flight waits for the next round, which starts when the current one ends
 * (never joining a round sent before it arrived, which could miss a write that completed in
 * between). Each round's outcome, success or the cluster's error, goes to exactly the reads
 * that were waiting when it was sent. Example: reads a and b arrive; round 1 is sent for
 * {a}; b waits; round 1 passes: a proceeds, round 2 is sent for {b, and c, d that arrived
 * meanwhile}.
 */
final class ReadBarrier {
    private final Supplier<CompletableFuture<?>> round;
    private final Object lock = new Object();
    /** Reads waiting for the next round; guarded by {@link #lock}. */
    private List<CompletableFuture<Void>> waiting = new ArrayList<>();
    /** Whether a round is in flight; guarded by {@link #lock}. */
    private boolean inFlight;

    /** @param round sends one ReadIndex round; completes when it has passed, exceptionally when it failed */
    ReadBarrier(Supplier<CompletableFuture<?>> round) {
        this.round = round;
    }

    /** Completes when a barrier sent after this call has passed (see the class documentation). */
    CompletableFuture<Void> pass() {
        CompletableFuture<Void> read = new CompletableFuture<>();
        boolean start;
        synchronized (lock) {
            waiting.add(read);
            start = !inFlight;
            inFlight = true;
        }
        if (start) {
            send();
        }
        return read;
    }

    private void send() {
        List<CompletableFuture<Void>> batch;
        synchronized (lock) {
            batch = waiting;
            waiting = new ArrayList<>();
        }
        CompletableFuture<?> sent;
        try {
            sent = round.get();
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((passed, failure) -> {
            for (CompletableFuture<Void> read : batch) {
                if (failure == null) {
                    read.complete(null);
                } else {
                    read.completeExceptionally(failure);
                }
            }
            boolean again;
            synchronized (lock) {
                again = !waiting.isEmpty();
                inFlight = again;
            }
            if (again) {
                send();
            }
        });
    }
}

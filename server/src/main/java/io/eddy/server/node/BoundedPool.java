package io.eddy.server.node;

import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
import java.io.IOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A member's pool for one kind of slow work (storage reads, membership and maintenance
 * tasks): a fixed number of daemon threads and a bounded queue, so the work never runs on an
 * event loop, a Ratis thread or the apply thread, and overload is refused at once with
 * TOO_MANY_REQUESTS instead of queueing without end. Results and failures come back as
 * futures that fail with an {@link EddyException}.
 */
final class BoundedPool {
    private final String what;
    private final ExecutorService executor;

    /**
     * @param threadName the threads' name
     * @param what       the work, for the TOO_MANY_REQUESTS message ("local reads")
     */
    BoundedPool(String threadName, String what, int threads, int queue) {
        this.what = what;
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(queue), runnable -> {
                    Thread thread = new Thread(runnable, threadName);
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** Runs a non-blocking-to-call, possibly slow {@code read}; its runtime failures fail the future as they are. */
    <T> CompletableFuture<T> supply(Supplier<T> read) {
        try {
            return CompletableFuture.supplyAsync(read, executor);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(refused());
        }
    }

    /**
     * Runs a blocking {@code task}. The future fails with an {@link EddyException}: the task's
     * own, INVALID_ARGUMENT for an {@link IllegalArgumentException}, the mapped Ratis failure for
     * an {@link IOException}, or TOO_MANY_REQUESTS when the queue is full; other failures as they are.
     */
    <T> CompletableFuture<T> call(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    result.complete(task.call());
                } catch (EddyException e) {
                    result.completeExceptionally(e);
                } catch (IllegalArgumentException e) {
                    result.completeExceptionally(EddyException.of(ErrorCode.INVALID_ARGUMENT, e.getMessage()));
                } catch (IOException e) {
                    result.completeExceptionally(RaftErrors.toEddy(e.getCause() == null ? e : e.getCause()));
                } catch (Exception | Error e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(refused());
        }
        return result;
    }

    /**
     * Takes no more work; queued and running work finishes (nothing is interrupted: an
     * interrupt during storage I/O can close the store's files for every reader).
     */
    void shutdown() {
        executor.shutdown();
    }

    private EddyException refused() {
        return EddyException.of(ErrorCode.TOO_MANY_REQUESTS, "too many " + what + " queued");
    }
}

package io.eddy.server.node;

import io.eddy.protocol.BatchResult;
import io.eddy.protocol.Command;
import io.eddy.protocol.CommandBatch;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * Group commit: concurrent writes are packed into one Raft log entry ({@link CommandBatch})
 * while earlier entries are in flight. With nothing in flight a write goes out at once, so
 * batching adds no latency at low load; under load, up to {@code maxInFlight} entries are
 * replicating and every write that arrives meanwhile joins the next one. Each write gets its
 * own result from the entry's {@link BatchResult}.
 *
 * <p>Concurrency: no lock is held while calling Ratis (its reply callbacks run under its own
 * monitor, so a lock shared with them deadlocks). One thread at a time takes batches from the
 * queue (the {@code draining} flag) and re-checks after releasing it, so a completion that
 * found the flag taken is never lost. Replies are handled on {@code completions}, never on
 * Ratis' threads: callers' continuations do not run under Ratis' monitor.
 */
final class WriteBatcher {
    private record Pending(Command command, CompletableFuture<CommandResult> result) {
    }

    private final Function<Message, CompletableFuture<RaftClientReply>> sender;
    private final Executor completions;
    private final long groupId;
    private final int maxInFlight;
    private final int maxCommands;
    private final int maxBytes;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicBoolean draining = new AtomicBoolean();

    WriteBatcher(Function<Message, CompletableFuture<RaftClientReply>> sender, Executor completions, long groupId,
                 int maxInFlight, int maxCommands, int maxBytes) {
        this.sender = sender;
        this.completions = completions;
        this.groupId = groupId;
        this.maxInFlight = maxInFlight;
        this.maxCommands = maxCommands;
        this.maxBytes = maxBytes;
    }

    CompletableFuture<CommandResult> submit(Command command) {
        CompletableFuture<CommandResult> result = new CompletableFuture<>();
        queue.add(new Pending(command, result));
        drain();
        return result;
    }

    private void drain() {
        while (!queue.isEmpty() && inFlight.get() < maxInFlight) {
            if (!draining.compareAndSet(false, true)) {
                return; // the draining thread re-checks once it lets go
            }
            List<List<Pending>> batches = new ArrayList<>();
            try {
                while (inFlight.get() < maxInFlight && !queue.isEmpty()) {
                    inFlight.incrementAndGet();
                    batches.add(take());
                }
            } finally {
                draining.set(false);
            }
            batches.forEach(this::send);
        }
    }

    private List<Pending> take() {
        List<Pending> batch = new ArrayList<>();
        int bytes = 0;
        for (Pending next; (next = queue.peek()) != null && batch.size() < maxCommands; ) {
            int size = next.command().getSerializedSize();
            if (!batch.isEmpty() && bytes + size > maxBytes) {
                break;
            }
            batch.add(queue.poll());
            bytes += size;
        }
        return batch;
    }

    private void send(List<Pending> batch) {
        CommandBatch.Builder entry = CommandBatch.newBuilder().setGroupId(groupId);
        batch.forEach(pending -> entry.addCommands(pending.command()));
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(entry.build().toByteArray()));
        CompletableFuture<RaftClientReply> reply;
        boolean sent;
        try {
            reply = sender.apply(message);
            sent = true;
        } catch (RuntimeException e) {
            reply = CompletableFuture.failedFuture(e);
            sent = false;
        }
        boolean maybeApplied = sent;
        reply.whenCompleteAsync((r, failure) -> {
            inFlight.decrementAndGet();
            complete(batch, r, failure, maybeApplied);
            drain();
        }, completions);
    }

    /**
     * Completes the batch's writes. A failure of a batch that was handed to Raft is marked
     * {@code maybe_applied}: whatever the code, the entry may be in the log and commit later.
     */
    private static void complete(List<Pending> batch, RaftClientReply reply, Throwable failure, boolean sent) {
        if (failure == null && !reply.isSuccess()) {
            failure = reply.getException() != null ? reply.getException()
                    : EddyException.of(ErrorCode.UNAVAILABLE, "the cluster refused the write");
        }
        if (failure != null) {
            EddyException error = RaftErrors.toEddy(failure);
            EddyException marked = sent
                    ? new EddyException(error.error().toBuilder().setMaybeApplied(true).build()) : error;
            batch.forEach(pending -> pending.result().completeExceptionally(marked));
            return;
        }
        BatchResult results;
        try {
            results = BatchResult.parseFrom(reply.getMessage().getContent().asReadOnlyByteBuffer());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            EddyException error = new EddyException(io.eddy.protocol.Error.newBuilder().setCode(ErrorCode.INTERNAL)
                    .setMessage("unreadable batch result: " + e.getMessage()).setMaybeApplied(true).build());
            batch.forEach(pending -> pending.result().completeExceptionally(error));
            return;
        }
        if (results.getResultsCount() != batch.size()) {
            EddyException error = new EddyException(io.eddy.protocol.Error.newBuilder().setCode(ErrorCode.INTERNAL)
                    .setMessage("the entry returned " + results.getResultsCount() + " results for " + batch.size()
                            + " writes").setMaybeApplied(true).build());
            batch.forEach(pending -> pending.result().completeExceptionally(error));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            batch.get(i).result().complete(results.getResults(i));
        }
    }
}

package io.eddy.server.node;

import static io.eddy.server.node.Requests.put;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.protocol.BatchResult;
import io.eddy.protocol.CommandBatch;
import io.eddy.protocol.CommandResult;
import io.eddy.protocol.PutResponse;
import io.eddy.protocol.ResponseHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link WriteBatcher} against a fake Raft client that takes a monitor to send and delivers
 * replies from another thread while holding it, with writes submitted both from completions
 * and from a plain thread: every write completes (no lost wake-up of the drain), each with its
 * own result, and writes are grouped while entries are in flight. (This fake did not reproduce
 * the old lock-order deadlock; the load-tests WritePathBenchmark did.)
 */
class WriteBatcherTest {
    private final Object clientMonitor = new Object();
    private final BlockingQueue<Sent> network = new LinkedBlockingQueue<>();
    private final ExecutorService networkThread = Executors.newSingleThreadExecutor();
    private final ExecutorService completions = Executors.newSingleThreadExecutor();
    private final AtomicLong revision = new AtomicLong(1);
    private final List<Integer> batchSizes = new ArrayList<>();

    private record Sent(CommandBatch batch, CompletableFuture<RaftClientReply> reply) {
    }

    @AfterEach
    void stop() {
        networkThread.shutdownNow();
        completions.shutdownNow();
    }

    @Test
    void chainedWritesUnderTheClientMonitorNeitherDeadlockNorGetLost() throws Exception {
        networkThread.execute(this::deliverReplies);
        WriteBatcher batcher = new WriteBatcher(this::send, completions, 1, 4, 512, 1 << 20);
        int chains = 64;
        int writes = 20_000;
        AtomicLong issued = new AtomicLong();
        List<CompletableFuture<Void>> ends = new ArrayList<>();
        for (int chain = 0; chain < chains; chain++) {
            CompletableFuture<Void> end = new CompletableFuture<>();
            ends.add(end);
            next(batcher, issued, writes, end);
        }
        // Meanwhile this thread submits too, from outside any callback, as request handlers do.
        int direct = 5_000;
        java.util.concurrent.Semaphore window = new java.util.concurrent.Semaphore(32);
        for (int i = 0; i < direct; i++) {
            assertThat(window.tryAcquire(30, TimeUnit.SECONDS)).as("no deadlock (direct write %d)", i).isTrue();
            CompletableFuture<CommandResult> result = batcher.submit(put("d", "v"));
            ends.add(result.thenRun(window::release));
        }
        CompletableFuture.allOf(ends.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        int total = writes + direct;
        assertThat(revision.get()).as("one revision per write").isEqualTo(1 + total);
        synchronized (batchSizes) {
            assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(total);
            assertThat(batchSizes.size()).as("entries for %d writes", total).isLessThan(total / 4);
        }
    }

    private void next(WriteBatcher batcher, AtomicLong issued, int writes, CompletableFuture<Void> end) {
        if (issued.getAndIncrement() >= writes) {
            end.complete(null);
            return;
        }
        batcher.submit(put("k", "v")).whenComplete((result, failure) -> {
            if (failure != null) {
                end.completeExceptionally(failure);
            } else {
                next(batcher, issued, writes, end);
            }
        });
    }

    /** Like Ratis' async send: takes the client's monitor. */
    private CompletableFuture<RaftClientReply> send(Message message) {
        synchronized (clientMonitor) {
            try {
                CommandBatch batch = CommandBatch.parseFrom(message.getContent().asReadOnlyByteBuffer());
                CompletableFuture<RaftClientReply> reply = new CompletableFuture<>();
                network.add(new Sent(batch, reply));
                return reply;
            } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /** Like Ratis' reply path: completes replies while holding the client's monitor. */
    private void deliverReplies() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Sent sent = network.take();
                BatchResult.Builder results = BatchResult.newBuilder();
                for (int i = 0; i < sent.batch().getCommandsCount(); i++) {
                    results.addResults(CommandResult.newBuilder().setPut(PutResponse.newBuilder()
                            .setHeader(ResponseHeader.newBuilder().setRevision(revision.incrementAndGet()))));
                }
                synchronized (batchSizes) {
                    batchSizes.add(sent.batch().getCommandsCount());
                }
                RaftClientReply reply = RaftClientReply.newBuilder().setClientId(ClientId.randomId())
                        .setServerId(RaftPeerId.valueOf("n1")).setGroupId(RaftGroupId.randomId()).setCallId(1)
                        .setSuccess(true)
                        .setMessage(Message.valueOf(UnsafeByteOperations.unsafeWrap(results.build().toByteArray())))
                        .build();
                synchronized (clientMonitor) {
                    sent.reply().complete(reply);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}

package io.eddy.server.node;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.NotLeaderException;
import org.apache.ratis.protocol.exceptions.ReadIndexException;
import org.apache.ratis.protocol.exceptions.ServerNotReadyException;
import org.apache.ratis.protocol.exceptions.TransferLeadershipException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.LifeCycle;

/**
 * Sends this member's write entries and read barriers to Raft: in-process to its own division
 * where it can, else through the member's Raft client. In-process means without the Raft client's gRPC
 * round trip to itself (encode, loopback, decode, a hand-off to Ratis' client executor, and the
 * same again for the reply): a write entry when this member leads, a ReadIndex round on any
 * member. Measured on one member with one write in flight, that round trip was about half of
 * a put's latency.
 *
 * <p>Routing: a write goes in-process when this member is the ready leader, a read barrier
 * whenever the division runs; otherwise, and when the division answers that it cannot take the
 * request (not the leader, not ready, stepping down: {@link #shouldRetryElsewhere}; the entry
 * was not appended), the request goes through the Raft client, which finds the leader and
 * retries. Sending a write again is safe: writes are also deduplicated by request id.
 *
 * <p>Ratis' retry cache keeps an entry per (client id, call id) until it expires; like the Raft
 * client, every request names the call ids answered since the previous one, so the cache drops
 * their entries at once instead of holding one per write for the expiry time.
 *
 * <p>Threads: call from {@code viaClient}'s executor (the member's own), never from an event
 * loop: appending takes the division's monitor, and the Raft client's first call to a peer
 * builds a channel. The returned futures complete on Ratis' threads (the apply thread for local
 * writes); callers must move continuations off them.
 */
final class RaftSubmitter {
    private final RaftServer server;
    private final RaftGroupId groupId;
    private final RaftPeerId self;
    private final long timeoutMs;
    private final ClientId clientId = ClientId.randomId();
    private final AtomicLong callIds = new AtomicLong();
    private final Queue<Long> replied = new ConcurrentLinkedQueue<>();
    private final RaftClient client;
    private final Executor clientExecutor;
    /** Requests sent in-process and through the Raft client: writes, then reads. */
    private final LongAdder localWrites = new LongAdder();
    private final LongAdder clientWrites = new LongAdder();
    private final LongAdder localReads = new LongAdder();
    private final LongAdder clientReads = new LongAdder();

    /** How many requests took each way so far (a retry through the client counts on both sides). */
    record Counts(long localWrites, long clientWrites, long localReads, long clientReads) {
    }

    RaftSubmitter(RaftServer server, RaftGroupId groupId, RaftPeerId self, long timeoutMs, RaftClient client,
                  Executor clientExecutor) {
        this.server = server;
        this.groupId = groupId;
        this.self = self;
        this.timeoutMs = timeoutMs;
        this.client = client;
        this.clientExecutor = clientExecutor;
    }

    /** Replicates one write entry; completes with Ratis' reply once it is applied (or failed). */
    CompletableFuture<RaftClientReply> write(Message message) {
        return orClient(localWrite(message), localWrites, clientWrites, () -> client.async().send(message));
    }

    /** A linearizable read-only query: a ReadIndex round through this member, then the state machine's query. */
    CompletableFuture<RaftClientReply> read(Message query) {
        return orClient(localRead(query), localReads, clientReads,
                () -> client.async().sendReadOnlyUnordered(query, self));
    }

    Counts counts() {
        return new Counts(localWrites.sum(), clientWrites.sum(), localReads.sum(), clientReads.sum());
    }

    private CompletableFuture<RaftClientReply> orClient(CompletableFuture<RaftClientReply> local, LongAdder locally,
                                                        LongAdder throughClient,
                                                        Supplier<CompletableFuture<RaftClientReply>> client) {
        Supplier<CompletableFuture<RaftClientReply>> viaClient = () -> {
            throughClient.increment();
            return client.get();
        };
        if (local == null) {
            return viaClient.get();
        }
        locally.increment();
        CompletableFuture<RaftClientReply> out = new CompletableFuture<>();
        local.whenComplete((reply, failure) -> {
            if (shouldRetryElsewhere(reply, failure)) {
                try {
                    clientExecutor.execute(() -> viaClient.get().whenComplete((r, f) -> complete(out, r, f)));
                } catch (RejectedExecutionException e) {
                    out.completeExceptionally(failure != null ? failure : e);
                }
            } else {
                complete(out, reply, failure);
            }
        });
        return out;
    }

    private static void complete(CompletableFuture<RaftClientReply> out, RaftClientReply reply, Throwable failure) {
        if (failure != null) {
            out.completeExceptionally(failure);
        } else {
            out.complete(reply);
        }
    }

    /** Appends a write entry through the local division if it is the ready leader; else {@code null}. */
    private CompletableFuture<RaftClientReply> localWrite(Message message) {
        RaftServer.Division division = division();
        if (division == null || !division.getInfo().isLeader() || !division.getInfo().isLeaderReady()) {
            return null;
        }
        return submit(division, message, RaftClientRequest.writeRequestType());
    }

    /** A read-only query on the local division if it runs; else {@code null}. */
    private CompletableFuture<RaftClientReply> localRead(Message query) {
        RaftServer.Division division = division();
        if (division == null || division.getInfo().getLifeCycleState() != LifeCycle.State.RUNNING) {
            return null;
        }
        return submit(division, query, RaftClientRequest.readRequestType());
    }

    /** Whether a local reply (or failure) means: not taken here, send it through the Raft client. */
    static boolean shouldRetryElsewhere(RaftClientReply reply, Throwable failure) {
        Throwable cause = failure != null ? unwrap(failure) : reply.getException();
        return cause instanceof NotLeaderException || cause instanceof LeaderNotReadyException
                || cause instanceof ServerNotReadyException || cause instanceof ReadIndexException
                || cause instanceof LeaderSteppingDownException || cause instanceof TransferLeadershipException;
    }

    private CompletableFuture<RaftClientReply> submit(RaftServer.Division division, Message message,
                                                      RaftClientRequest.Type type) {
        long callId = callIds.incrementAndGet();
        RaftClientRequest request = RaftClientRequest.newBuilder()
                .setClientId(clientId)
                .setServerId(self)
                .setGroupId(groupId)
                .setCallId(callId)
                .setRepliedCallIds(drainReplied())
                .setMessage(message)
                .setType(type)
                .setTimeoutMs(timeoutMs)
                .build();
        CompletableFuture<RaftClientReply> reply;
        try {
            reply = division instanceof RaftClientAsynchronousProtocol direct
                    ? direct.submitClientRequestAsync(request)   // no hop to Ratis' client executor
                    : server.submitClientRequestAsync(request);
        } catch (IOException | RuntimeException e) {
            return null;
        }
        reply.whenComplete((r, failure) -> replied.add(callId));
        return reply;
    }

    private List<Long> drainReplied() {
        List<Long> ids = new ArrayList<>();
        for (Long id; ids.size() < 1024 && (id = replied.poll()) != null; ) {
            ids.add(id);
        }
        return ids;
    }

    private RaftServer.Division division() {
        try {
            return server.getDivision(groupId);
        } catch (IOException e) {
            return null;
        }
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof java.util.concurrent.CompletionException
                || cause instanceof java.util.concurrent.ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}

package io.eddy.server.node;

import io.eddy.protocol.MemberInfoRequest;
import io.eddy.protocol.Query;
import io.eddy.protocol.QueryResult;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;

/**
 * Where clients reach each member. The Raft configuration holds only peer addresses: Ratis'
 * own {@code RaftPeer.clientAddress} cannot carry Eddy's client address, because Ratis' gRPC
 * client connects to it (this member's Raft client would then talk gRPC to an RSocket port).
 * So a member is asked for its client address with a stale read addressed to it (a
 * {@link MemberInfoRequest} query, answered by its state machine from its configuration).
 * Answers are remembered, late ones too: a member that does not answer within
 * {@link #ASK_MILLIS} is reported with its last known address, or none when it never
 * answered; an address given when the member was added ({@link #remember}) counts as known
 * until the member answers.
 */
final class ClientAddresses {
    static final long ASK_MILLIS = 1000;

    private final String selfName;
    private final String selfAddress;
    private final RaftClient client;
    private final Map<String, String> known = new ConcurrentHashMap<>();

    ClientAddresses(String selfName, String selfAddress, RaftClient client) {
        this.selfName = selfName;
        this.selfAddress = selfAddress;
        this.client = client;
    }

    /** Records {@code address} for {@code name} until the member answers for itself. */
    void remember(String name, String address) {
        known.putIfAbsent(name, address);
    }

    /**
     * The client address of each of {@code peers} that has one (name to host:port); never
     * fails, completes within about {@link #ASK_MILLIS}.
     */
    CompletableFuture<Map<String, String>> of(Collection<RaftPeer> peers) {
        // Members added after this member's Raft client was built are unknown to it.
        client.getClientRpc().addRaftPeers(peers);
        List<CompletableFuture<Void>> asks = peers.stream()
                .filter(peer -> !peer.getId().toString().equals(selfName))
                .map(this::ask)
                .toList();
        known.put(selfName, selfAddress);
        return CompletableFuture.allOf(asks.toArray(CompletableFuture[]::new))
                .thenApply(done -> Map.copyOf(known));
    }

    /**
     * Asks {@code peer} for its client address. The answer is remembered whenever it comes; the
     * returned future waits for it at most {@link #ASK_MILLIS}, so an answer slower than that
     * (a first gRPC connection on a busy machine) still serves the next call.
     */
    private CompletableFuture<Void> ask(RaftPeer peer) {
        String name = peer.getId().toString();
        CompletableFuture<Void> answered = client.async()
                .sendStaleRead(RaftCalls.toMessage(Query.newBuilder()
                        .setMemberInfo(MemberInfoRequest.getDefaultInstance()).build()), 0, RaftPeerId.valueOf(name))
                .handle((reply, failure) -> {
                    if (failure == null && reply.isSuccess()) {
                        try {
                            QueryResult result = QueryResult.parseFrom(
                                    reply.getMessage().getContent().asReadOnlyByteBuffer());
                            if (result.hasMemberInfo() && !result.getMemberInfo().getClientAddress().isEmpty()) {
                                known.put(name, result.getMemberInfo().getClientAddress());
                            }
                        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
                            // An older member that does not know the query: keep what is known.
                        }
                    }
                    return null;
                });
        // A copy, so that completing it on time-out leaves the recording stage above to run.
        return answered.copy().completeOnTimeout(null, ASK_MILLIS, TimeUnit.MILLISECONDS);
    }
}

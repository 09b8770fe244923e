package io.eddy.server.node;

import io.eddy.protocol.Query;
import io.eddy.protocol.QueryResult;
import io.eddy.protocol.SnapshotChunk;
import io.eddy.protocol.SnapshotChunkRequest;
import io.eddy.server.config.EddySettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;

/**
 * How a member talks to Ratis: the groups its server and client start with, its Raft
 * client's settings, queries and their replies as our protobuf messages, and fetching a
 * snapshot chunk from the leader. Stateless helpers for {@link EddyNode} and its siblings.
 */
final class RaftCalls {
    private RaftCalls() {
    }

    /**
     * The group a member's Raft server starts with. A founding member: the initial cluster.
     * A joining member starts as a Raft listener of the cluster it was told of: running, not
     * campaigning, until the leader's configuration names its role. Started with no
     * configuration instead, Ratis 3.3 keeps a member added as a listener (a learner) in
     * STARTING for good: the leader never marks a listener caught up.
     */
    static RaftGroup initialGroup(NodeConfig config, RaftGroupId groupId) {
        List<RaftPeer> peers = new ArrayList<>();
        if (!config.joinExisting()) {
            config.initialCluster().forEach((name, address) -> peers.add(peer(name, address.toString())));
        } else {
            config.initialCluster().forEach((name, address) -> {
                if (!name.equals(config.name())) {
                    peers.add(peer(name, address.toString()));
                }
            });
            HostPort self = config.initialCluster().getOrDefault(config.name(), config.peerAddress());
            peers.add(RaftPeer.newBuilder().setId(config.name()).setAddress(self.toString())
                    .setStartupRole(org.apache.ratis.proto.RaftProtos.RaftPeerRole.LISTENER).build());
        }
        return RaftGroup.valueOf(groupId, peers);
    }

    /**
     * The group a member's Raft client starts with: every member it was told of. A joining
     * member's server has no configuration until the leader sends it, but its client needs
     * somewhere to start looking for the leader.
     */
    static RaftGroup knownGroup(NodeConfig config, RaftGroupId groupId) {
        List<RaftPeer> known = new ArrayList<>();
        config.initialCluster().forEach((name, address) -> known.add(peer(name, address.toString())));
        return RaftGroup.valueOf(groupId, known);
    }

    static RaftPeer peer(String name, String address) {
        return RaftPeer.newBuilder().setId(name).setAddress(address).build();
    }

    static RaftClient newClient(NodeConfig config, RaftGroup group, RaftProperties serverProperties) {
        RaftProperties properties = new RaftProperties();
        long timeout = config.settings().get(EddySettings.REQUEST_TIMEOUT);
        RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(timeout, TimeUnit.MILLISECONDS));
        org.apache.ratis.grpc.GrpcConfigKeys.setMessageSizeMax(properties,
                org.apache.ratis.grpc.GrpcConfigKeys.messageSizeMax(serverProperties, s -> { }));
        // Bounded: the default policy retries forever.
        int attempts = (int) Math.max(3, timeout / 200);
        return RaftClient.newBuilder()
                .setRaftGroup(group)
                .setProperties(properties)
                .setRetryPolicy(RetryPolicies.retryUpToMaximumCountWithFixedSleep(attempts,
                        TimeDuration.valueOf(200, TimeUnit.MILLISECONDS)))
                .build();
    }

    static SnapshotChunk fetchChunk(RaftClient client, RaftPeerId from, SnapshotChunkRequest request)
            throws IOException {
        Message query = toMessage(Query.newBuilder().setSnapshotChunk(request).build());
        try {
            RaftClientReply reply = client.async().sendStaleRead(query, 0, from).get(60, TimeUnit.SECONDS);
            QueryResult result = toResult(reply, null);
            if (result.hasError()) {
                throw new IOException("snapshot chunk refused: " + result.getError().getMessage());
            }
            return result.getSnapshotChunk();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while fetching a snapshot", e);
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            throw new IOException("cannot fetch a snapshot chunk from " + from + ": " + e, e);
        }
    }

    static Message toMessage(com.google.protobuf.MessageLite message) {
        return Message.valueOf(UnsafeByteOperations.unsafeWrap(message.toByteArray()));
    }

    static QueryResult toResult(RaftClientReply reply, Throwable failure) {
        if (failure == null && reply != null && !reply.isSuccess()) {
            failure = reply.getException();
        }
        if (failure != null) {
            throw RaftErrors.toEddy(failure);
        }
        try {
            return QueryResult.parseFrom(reply.getMessage().getContent().asReadOnlyByteBuffer());
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new IllegalStateException("unreadable query result", e);
        }
    }
}

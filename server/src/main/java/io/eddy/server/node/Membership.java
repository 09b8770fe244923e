package io.eddy.server.node;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cluster membership and leadership, through Raft configuration changes. A new member
 * catches up as a non-voter before the configuration that makes it a voter commits (Ratis'
 * staging), so adding a member never weakens the quorum while it copies data.
 * Every method blocks: call it off event loops and the apply thread.
 */
public final class Membership {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final long POLL_MILLIS = 100;

    /** A member as the configuration names it; {@code role} is LEADER, FOLLOWER or LISTENER. */
    public record Member(String name, String peerAddress, String role, boolean voter) {
    }

    private final EddyNode node;
    private final RaftClient client;
    private final RaftGroupId groupId;

    Membership(EddyNode node, RaftClient client, RaftGroupId groupId) {
        this.node = node;
        this.client = client;
        this.groupId = groupId;
    }

    /** The members of the current configuration, voters first. */
    public List<Member> list() {
        String leader = node.leaderName();
        List<Member> members = new ArrayList<>();
        for (RaftPeer peer : node.division().getRaftConf().getCurrentPeers()) {
            String name = peer.getId().toString();
            members.add(new Member(name, peer.getAddress(), name.equals(leader) ? "LEADER" : "FOLLOWER", true));
        }
        for (RaftPeer peer : node.division().getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER)) {
            members.add(new Member(peer.getId().toString(), peer.getAddress(), "LISTENER", false));
        }
        return members;
    }

    /**
     * Adds a member (started with {@code initial-cluster-state=existing}) as a voter. Ratis
     * stages it first: the leader feeds it the log (or a snapshot) while it does not vote, and
     * only once it has caught up is the configuration that includes it committed, so the
     * quorum is never weakened by a member that is still copying data.
     */
    public void add(String name, String peerAddress, Duration catchUp) throws IOException {
        NodeConfig.checkName(name, "member name");
        RaftPeer added = EddyNode.peer(name, peerAddress);
        List<RaftPeer> voters = new ArrayList<>(node.division().getRaftConf().getCurrentPeers());
        List<RaftPeer> listeners = new ArrayList<>(node.division().getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
        if (voters.stream().anyMatch(p -> p.getId().equals(added.getId()))
                || listeners.stream().anyMatch(p -> p.getId().equals(added.getId()))) {
            throw new IllegalArgumentException("member " + name + " is already in the cluster");
        }
        voters.add(added);
        LOG.info("adding member {} at {}: catching up before it votes", name, peerAddress);
        change(voters, listeners);
        awaitCaughtUp(added.getId(), catchUp);
        LOG.info("member {} added", name);
    }

    /** Removes a member from the configuration. */
    public void remove(String name) throws IOException {
        List<RaftPeer> voters = new ArrayList<>(node.division().getRaftConf().getCurrentPeers());
        List<RaftPeer> listeners = new ArrayList<>(node.division().getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
        boolean removed = voters.removeIf(p -> p.getId().toString().equals(name))
                | listeners.removeIf(p -> p.getId().toString().equals(name));
        if (!removed) {
            throw new IllegalArgumentException("member " + name + " is not in the cluster");
        }
        change(voters, listeners);
        LOG.info("member {} removed", name);
    }

    /** Hands leadership to {@code name}, waiting up to {@code timeout}. */
    public void transferLeadership(String name, Duration timeout) throws IOException {
        RaftClientReply reply = client.admin().transferLeadership(RaftPeerId.valueOf(name), timeout.toMillis());
        check(reply, "transfer leadership to " + name);
        LOG.info("leadership transferred to {}", name);
    }

    private void change(List<RaftPeer> voters, List<RaftPeer> listeners) throws IOException {
        RaftClientReply reply = client.admin().setConfiguration(SetConfigurationRequest.Arguments.newBuilder()
                .setServersInNewConf(voters).setListenersInNewConf(listeners).build());
        check(reply, "change the configuration");
    }

    private void awaitCaughtUp(RaftPeerId member, Duration timeout) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long target = -1;
        while (System.nanoTime() < deadline) {
            String leader = node.leaderName();
            if (leader != null) {
                GroupInfoReply info = client.getGroupManagementApi(RaftPeerId.valueOf(leader)).info(groupId);
                long leaderCommit = -1;
                long memberCommit = -1;
                for (CommitInfoProto commit : info.getCommitInfos()) {
                    String id = commit.getServer().getId().toStringUtf8();
                    if (id.equals(leader)) {
                        leaderCommit = commit.getCommitIndex();
                    } else if (id.equals(member.toString())) {
                        memberCommit = commit.getCommitIndex();
                    }
                }
                if (target < 0) {
                    target = leaderCommit;
                }
                if (target >= 0 && memberCommit >= target) {
                    return;
                }
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for " + member + " to catch up", e);
            }
        }
        throw new IOException("member " + member + " did not catch up within " + timeout
                + "; it is in the configuration but may not be voting yet (remove it if it cannot catch up)");
    }

    private static void check(RaftClientReply reply, String what) throws IOException {
        if (!reply.isSuccess()) {
            throw new IOException("cannot " + what + ": " + reply.getException(), reply.getException());
        }
    }
}

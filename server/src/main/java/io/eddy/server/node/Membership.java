package io.eddy.server.node;

import io.eddy.protocol.ErrorCode;
import io.eddy.server.errors.EddyException;
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
 * Every method blocks: call it off event loops and the apply thread. User errors are
 * {@link EddyException}s with a catalogue code (MEMBER_NOT_FOUND, MEMBER_EXISTS,
 * MEMBER_NOT_LEARNER, LEARNER_NOT_READY, INVALID_ARGUMENT); a configuration change Ratis
 * refuses is an {@link EddyException} mapped from its failure (NOT_LEADER, TIMEOUT,
 * UNAVAILABLE...); an {@link IOException} is a failure to reach the cluster at all.
 *
 * <p>Learners are Ratis listeners: they receive the log and snapshots but neither vote nor
 * count towards the quorum; {@link #promote} moves one into the voters.
 */
public final class Membership {
    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);
    private static final long POLL_MILLIS = 100;
    /** Most log entries a learner may lag the leader's commit index by and still be promoted. */
    public static final long MAX_PROMOTE_LAG = 100;

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
        for (RaftPeer peer : voters()) {
            String name = peer.getId().toString();
            members.add(new Member(name, peer.getAddress(), name.equals(leader) ? "LEADER" : "FOLLOWER", true));
        }
        for (RaftPeer peer : listeners()) {
            members.add(new Member(peer.getId().toString(), peer.getAddress(), "LISTENER", false));
        }
        return members;
    }

    /**
     * Adds a member (started with {@code initial-cluster-state=existing}) as a voter. Ratis
     * stages it first: the leader feeds it the log (or a snapshot) while it does not vote, and
     * only once it has caught up is the configuration that includes it committed, so the
     * quorum is never weakened by a member that is still copying data.
     *
     * @throws EddyException MEMBER_EXISTS when the name or peer address is taken, TIMEOUT when
     *                       it did not catch up within {@code catchUp}
     */
    public void add(String name, String peerAddress, Duration catchUp) throws IOException {
        add(name, peerAddress, false, catchUp);
    }

    /**
     * Adds a member as a voter (see {@link #add(String, String, Duration)}) or, when
     * {@code learner}, as a learner: a Raft listener that receives the log but does not vote,
     * so adding it never changes the quorum; the call returns once the configuration is
     * committed, without waiting for the learner to catch up.
     */
    public void add(String name, String peerAddress, boolean learner, Duration catchUp) throws IOException {
        NodeConfig.checkName(name, "member name");
        HostPort.parse("peer address", peerAddress);
        RaftPeer added = RaftCalls.peer(name, peerAddress);
        List<RaftPeer> voters = voters();
        List<RaftPeer> listeners = listeners();
        for (RaftPeer peer : concat(voters, listeners)) {
            if (peer.getId().equals(added.getId()) || peer.getAddress().equals(peerAddress)) {
                throw EddyException.of(ErrorCode.MEMBER_EXISTS, "member " + peer.getId() + " at " + peer.getAddress()
                        + " is already in the cluster");
            }
        }
        if (learner) {
            listeners.add(RaftPeer.newBuilder(added).setStartupRole(RaftPeerRole.LISTENER).build());
            LOG.info("adding learner {} at {}", name, peerAddress);
            change(voters, listeners);
        } else {
            voters.add(added);
            LOG.info("adding member {} at {}: catching up before it votes", name, peerAddress);
            change(voters, listeners);
            awaitCaughtUp(added.getId(), catchUp);
        }
        LOG.info("member {} added", name);
    }

    /**
     * Removes a member from the configuration.
     *
     * @throws EddyException MEMBER_NOT_FOUND when no member has that name
     */
    public void remove(String name) throws IOException {
        List<RaftPeer> voters = voters();
        List<RaftPeer> listeners = listeners();
        boolean removed = voters.removeIf(p -> p.getId().toString().equals(name))
                | listeners.removeIf(p -> p.getId().toString().equals(name));
        if (!removed) {
            throw notFound(name);
        }
        if (voters.isEmpty()) {
            throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "cannot remove " + name + ", the last voting member");
        }
        change(voters, listeners);
        LOG.info("member {} removed", name);
    }

    /**
     * Makes learner {@code name} a voter, if it has caught up: its commit index is at most
     * {@link #MAX_PROMOTE_LAG} entries behind the leader's.
     *
     * @throws EddyException MEMBER_NOT_FOUND, MEMBER_NOT_LEARNER (it already votes), or
     *                       LEARNER_NOT_READY (still catching up; try again later)
     */
    public void promote(String name) throws IOException {
        List<RaftPeer> voters = voters();
        List<RaftPeer> listeners = listeners();
        if (voters.stream().anyMatch(p -> p.getId().toString().equals(name))) {
            throw EddyException.of(ErrorCode.MEMBER_NOT_LEARNER, "member " + name + " already votes");
        }
        RaftPeer learner = listeners.stream().filter(p -> p.getId().toString().equals(name)).findFirst()
                .orElseThrow(() -> notFound(name));
        long[] commits = commitIndexes(learner.getId());
        if (commits == null || commits[1] < 0 || commits[0] - commits[1] > MAX_PROMOTE_LAG) {
            throw EddyException.of(ErrorCode.LEARNER_NOT_READY, "learner " + name + " has not caught up yet"
                    + (commits == null ? " (no leader)" : " (commit index " + commits[1] + ", leader's " + commits[0] + ")"));
        }
        listeners.remove(learner);
        voters.add(RaftPeer.newBuilder(learner).setStartupRole(RaftPeerRole.FOLLOWER).build());
        change(voters, listeners);
        LOG.info("learner {} promoted to voter", name);
    }

    /**
     * Hands leadership to {@code name}, waiting up to {@code timeout}.
     *
     * @throws EddyException MEMBER_NOT_FOUND, or INVALID_ARGUMENT for a learner
     */
    public void transferLeadership(String name, Duration timeout) throws IOException {
        if (voters().stream().noneMatch(p -> p.getId().toString().equals(name))) {
            if (listeners().stream().anyMatch(p -> p.getId().toString().equals(name))) {
                throw EddyException.of(ErrorCode.INVALID_ARGUMENT, "member " + name + " is a learner and cannot lead");
            }
            throw notFound(name);
        }
        RaftClientReply reply = client.admin().transferLeadership(RaftPeerId.valueOf(name), timeout.toMillis());
        check(reply, "transfer leadership to " + name);
        LOG.info("leadership transferred to {}", name);
    }

    /** The name of the member whose id ({@link NodeConfig#memberId}) is {@code id}. */
    public String nameOf(long id) {
        for (RaftPeer peer : concat(voters(), listeners())) {
            if (NodeConfig.memberId(peer.getId().toString(), node.config().groupUuid()) == id) {
                return peer.getId().toString();
            }
        }
        throw EddyException.of(ErrorCode.MEMBER_NOT_FOUND, "no member has id " + Long.toUnsignedString(id, 16));
    }

    private List<RaftPeer> voters() {
        return new ArrayList<>(node.division().getRaftConf().getCurrentPeers());
    }

    private List<RaftPeer> listeners() {
        return new ArrayList<>(node.division().getRaftConf().getCurrentPeers(RaftPeerRole.LISTENER));
    }

    private static List<RaftPeer> concat(List<RaftPeer> a, List<RaftPeer> b) {
        List<RaftPeer> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static EddyException notFound(String name) {
        return EddyException.of(ErrorCode.MEMBER_NOT_FOUND, "member " + name + " is not in the cluster");
    }

    /** The leader's commit index and {@code member}'s as the leader reports them, or null with no leader. */
    private long[] commitIndexes(RaftPeerId member) throws IOException {
        String leader = node.leaderName();
        if (leader == null) {
            return null;
        }
        GroupInfoReply info = client.getGroupManagementApi(RaftPeerId.valueOf(leader)).info(groupId);
        long[] commits = {-1, -1};
        for (CommitInfoProto commit : info.getCommitInfos()) {
            String id = commit.getServer().getId().toStringUtf8();
            if (id.equals(leader)) {
                commits[0] = commit.getCommitIndex();
            } else if (id.equals(member.toString())) {
                commits[1] = commit.getCommitIndex();
            }
        }
        return commits;
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
            long[] commits = commitIndexes(member);
            if (commits != null) {
                if (target < 0) {
                    target = commits[0];
                }
                if (target >= 0 && commits[1] >= target) {
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
        throw EddyException.of(ErrorCode.TIMEOUT, "member " + member + " did not catch up within " + timeout
                + "; it is in the configuration but may not be voting yet (remove it if it cannot catch up)");
    }

    private static void check(RaftClientReply reply, String what) {
        if (!reply.isSuccess()) {
            EddyException cause = RaftErrors.toEddy(reply.getException());
            throw new EddyException(cause.error().toBuilder().setMessage("cannot " + what + ": "
                    + cause.error().getMessage()).build());
        }
    }
}

package io.eddy.server.node;

import io.eddy.server.config.EddySettings;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;

/**
 * Whether a member's local state may be stale: it has not heard from its leader (a
 * follower), or from a quorum (a leader), within the minimum election timeout. A member in a
 * minority partition answers serializable reads with {@code maybe_stale} set.
 */
final class Staleness {

    private Staleness() {
    }

    static boolean maybeStale(EddyNode node) {
        long limit = node.config().settings().get(EddySettings.ELECTION_TIMEOUT_MIN);
        RoleInfoProto role = node.division().getInfo().getRoleInfoProto();
        if (role.hasLeaderInfo()) {
            int voters = node.division().getRaftConf().getCurrentPeers().size();
            long fresh = 1 + role.getLeaderInfo().getFollowerInfoList().stream()
                    .filter(follower -> follower.getLastRpcElapsedTimeMs() < limit).count();
            return fresh * 2 <= voters;
        }
        if (role.hasFollowerInfo() && role.getFollowerInfo().hasLeaderInfo()) {
            ServerRpcProto leader = role.getFollowerInfo().getLeaderInfo();
            return leader.getLastRpcElapsedTimeMs() >= limit;
        }
        return true;
    }
}

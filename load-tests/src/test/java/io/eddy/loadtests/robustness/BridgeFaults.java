package io.eddy.loadtests.robustness;

import io.eddy.loadtests.robustness.fault.FaultInjector;
import io.eddy.server.node.EddyNode;
import io.eddy.server.testing.ApiCluster;
import java.util.List;

/**
 * Faults of an in-process cluster through its {@link io.eddy.server.testing.PeerBridge}: isolate
 * the leader or a follower (both directions of all its peer links), or cut one link one way
 * (leader to a follower: the follower stops hearing the leader and calls elections the leader
 * does not hear). Client connections are not touched: a client pinned to a cut-off member keeps
 * talking to it.
 */
final class BridgeFaults implements FaultInjector {
    static final List<String> ALL = List.of("isolate-leader", "isolate-follower", "cut-leader-to-follower");

    private final ApiCluster cluster;
    private final List<String> kinds;

    BridgeFaults(ApiCluster cluster, List<String> kinds) {
        this.cluster = cluster;
        this.kinds = List.copyOf(kinds);
    }

    @Override
    public List<String> kinds() {
        return kinds;
    }

    @Override
    public String inject(String kind) {
        String leader = leader();
        String follower = cluster.cluster().names().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
        switch (kind) {
            case "isolate-leader" -> {
                cluster.cluster().bridge().isolate(leader);
                return "isolate " + leader + " (leader)";
            }
            case "isolate-follower" -> {
                cluster.cluster().bridge().isolate(follower);
                return "isolate " + follower + " (follower)";
            }
            case "cut-leader-to-follower" -> {
                cluster.cluster().bridge().cut(leader, follower);
                return "cut " + leader + " -> " + follower + " (one way)";
            }
            default -> throw new IllegalArgumentException("unknown fault " + kind);
        }
    }

    @Override
    public String heal() {
        cluster.cluster().bridge().healAll();
        return "heal all links";
    }

    /** The leader now (or, during an election, the first member). */
    private String leader() {
        return cluster.cluster().runningNodes().stream().filter(EddyNode::isLeader).map(EddyNode::name).findFirst()
                .orElse(cluster.cluster().names().get(0));
    }
}

package io.eddy.server.node;

import static io.eddy.server.node.Requests.get;
import static io.eddy.server.node.Requests.put;
import static io.eddy.server.node.Requests.read;
import static io.eddy.server.node.Requests.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.LeaderNotReadyException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where writes and read barriers go: the leader appends its own writes in-process, followers
 * forward theirs through the Raft client, every member runs its ReadIndex in-process, and a
 * member that stops leading sends its writes through the client again.
 */
class RaftSubmitterTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    @Test
    void theLeaderAppendsInProcessFollowersForwardAndLeadershipMovesTheRoute() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir, s -> s)) {
            EddyNode leader = cluster.awaitLeader(WAIT);
            EddyNode follower = cluster.runningNodes().stream().filter(n -> !n.isLeader()).findFirst().orElseThrow();
            // A new leader is not "ready" until its first entry of the term commits; until then its
            // writes go through the Raft client. One applied write through it settles that.
            write(leader, put("settle", "v"));
            RaftSubmitter.Counts leaderBefore = leader.submissions();
            RaftSubmitter.Counts followerBefore = follower.submissions();

            for (int i = 0; i < 5; i++) {
                write(leader, put("leader" + i, "v"));
                write(follower, put("follower" + i, "v"));
            }
            assertThat(read(follower, get("leader4", false)).getKvs(0).getValue().toStringUtf8()).isEqualTo("v");
            assertThat(read(leader, get("follower4", false)).getKvs(0).getValue().toStringUtf8()).isEqualTo("v");

            RaftSubmitter.Counts leaderAfter = leader.submissions();
            RaftSubmitter.Counts followerAfter = follower.submissions();
            assertThat(leaderAfter.localWrites() - leaderBefore.localWrites()).as("leader, in-process writes").isEqualTo(5);
            assertThat(leaderAfter.clientWrites() - leaderBefore.clientWrites()).as("leader, client writes").isZero();
            assertThat(followerAfter.clientWrites() - followerBefore.clientWrites()).as("follower, client writes").isEqualTo(5);
            assertThat(followerAfter.localWrites() - followerBefore.localWrites()).as("follower, in-process writes").isZero();
            assertThat(followerAfter.localReads() - followerBefore.localReads()).as("follower, in-process reads").isPositive();
            assertThat(followerAfter.clientReads() - followerBefore.clientReads()).as("follower, client reads").isZero();

            leader.membership().transferLeadership(follower.name(), WAIT);
            MiniCluster.awaitTrue(WAIT, follower.name() + " to lead", follower::isLeader);
            RaftSubmitter.Counts oldLeaderBefore = leader.submissions();
            write(leader, put("after", "moved"));
            RaftSubmitter.Counts oldLeaderAfter = leader.submissions();
            assertThat(oldLeaderAfter.clientWrites() - oldLeaderBefore.clientWrites())
                    .as("the former leader forwards").isEqualTo(1);
            assertThat(read(follower, get("after", false)).getKvs(0).getValue().toStringUtf8()).isEqualTo("moved");
        }
    }

    @Test
    void onlyRefusalsThatAppendedNothingAreRetriedThroughTheClient() {
        RaftGroupMemberId member = RaftGroupMemberId.valueOf(RaftPeerId.valueOf("n1"), RaftGroupId.randomId());
        assertThat(RaftSubmitter.shouldRetryElsewhere(null,
                new CompletionException(new LeaderNotReadyException(member)))).isTrue();
        assertThat(RaftSubmitter.shouldRetryElsewhere(null,
                new CompletionException(new StateMachineException("apply failed")))).isFalse();
        assertThat(RaftSubmitter.shouldRetryElsewhere(null, new IllegalStateException("other"))).isFalse();
    }
}

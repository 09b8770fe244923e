package io.eddy.server.node;

import static io.eddy.server.node.Requests.get;
import static io.eddy.server.node.Requests.put;
import static io.eddy.server.node.Requests.read;
import static io.eddy.server.node.Requests.write;
import static org.assertj.core.api.Assertions.assertThat;

import io.eddy.server.testing.MiniCluster;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member is added (as a listener that catches up, then a voter), receives leadership, and
 * another member is removed; the cluster keeps serving throughout.
 */
class MembershipTest {
    @TempDir
    Path dir;

    @Test
    void addTransferLeadershipAndRemove() throws Exception {
        try (MiniCluster cluster = MiniCluster.start(3, dir, s -> s)) {
            EddyNode leader = cluster.awaitLeader(Duration.ofSeconds(30));
            for (int i = 0; i < 20; i++) {
                write(leader, put("key/" + i, "v" + i));
            }
            String address = cluster.startJoining("n4");
            leader.membership().add("n4", address, Duration.ofSeconds(30));

            assertThat(leader.membership().list()).extracting(Membership.Member::name, Membership.Member::voter)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("n1", true), org.assertj.core.groups.Tuple.tuple("n2", true),
                            org.assertj.core.groups.Tuple.tuple("n3", true), org.assertj.core.groups.Tuple.tuple("n4", true));
            EddyNode added = cluster.node("n4");
            assertThat(read(added, get("key/19", false)).getKvsList()).hasSize(1);

            leader.membership().transferLeadership("n4", Duration.ofSeconds(20));
            assertThat(cluster.awaitLeader(Duration.ofSeconds(20)).name()).isEqualTo("n4");

            String removed = leader.name();
            added.membership().remove(removed);
            cluster.kill(removed);
            MiniCluster.awaitTrue(Duration.ofSeconds(10), "the configuration without " + removed,
                    () -> added.membership().list().stream().noneMatch(m -> m.name().equals(removed)));
            long revision = write(added, put("after", "1")).getPut().getHeader().getRevision();
            LeaderFailoverTest.assertSameState(cluster.runningNodes(), revision);
            assertThat(added.membership().list()).hasSize(3)
                    .filteredOn(m -> m.role().equals("LEADER")).extracting(Membership.Member::name).containsExactly("n4");
        }
    }
}
